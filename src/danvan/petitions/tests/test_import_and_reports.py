from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.models import AuditEntry
from danvan.petitions import importing, services
from danvan.petitions.models import Petition

pytestmark = pytest.mark.django_db

HEADER = "kind,title,content,place_code,petitioner_name,received_on,decision_complained,decision_known_on\n"
GOOD = "phản ánh,Rác thải tràn ra đường,Điểm tập kết rác ở đầu chợ không được thu gom cả tuần nay gây mùi hôi.,{code},Lý Văn Hải,01/11/2026,,\n"


def test_a_csv_import_reports_each_bad_row_and_keeps_every_good_one(alice, units):
    future = (clock.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    text = (
        HEADER
        + GOOD.format(code=units.commune_a.code)
        + "khiếu nại,Khiếu nại thu hồi đất,Không đồng ý mức bồi thường khi thu hồi đất nông nghiệp của gia đình.,"
        + f"{units.commune_a.code},Trần Thị Mai,,,\n"
        + "phản ánh,Đơn ở xã không tồn tại,Nội dung đủ dài để vượt qua kiểm tra độ dài tối thiểu.,99999,Ai Đó,,,\n"
        + f"phản ánh,Ngày tương lai,Nội dung đủ dài để vượt qua kiểm tra độ dài tối thiểu.,{units.commune_a.code},Ai Đó,{future},,\n"
        + "dòng hỏng\n"
        + GOOD.format(code=units.commune_b.code)
    )
    report = importing.import_file(
        actor=alice, unit=units.commune_a, upload=SimpleUploadedFile("don.csv", text.encode())
    )
    assert report.created == 2 and report.failed == 4
    by_row = {r.row: r for r in report.rows}
    assert "quyết định hoặc hành vi bị khiếu nại" in " ".join(by_row[3].errors)
    assert "Không tìm thấy đơn vị hành chính" in " ".join(by_row[4].errors)
    assert "tương lai" in " ".join(by_row[5].errors)
    assert by_row[6].errors
    assert by_row[2].tracking_code and by_row[7].tracking_code
    assert Petition.objects.count() == 2
    imported = Petition.objects.get(tracking_code=by_row[2].tracking_code)
    assert imported.channel == "import" and clock.local_date(imported.received_at) == dt.date(2026, 11, 1)
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_an_xlsx_import_reads_the_first_sheet(alice, units):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kind", "title", "content", "place_code", "petitioner_name", "received_on"])
    sheet.append(
        [
            "kiến nghị",
            "Xin lắp đèn đường",
            "Đề nghị lắp đèn chiếu sáng tuyến đường từ thôn ra quốc lộ cho học sinh.",
            units.commune_a.code,
            "Hoàng Văn Nam",
            dt.date(2026, 10, 20),
        ]
    )
    sheet.append(["proposal", "", "Thiếu tiêu đề", units.commune_a.code, "Hoàng Văn Nam", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = importing.import_file(
        actor=alice, unit=units.commune_a, upload=SimpleUploadedFile("don.xlsx", buffer.getvalue())
    )
    assert report.created == 1 and report.failed == 1
    assert Petition.objects.get().kind == "proposal"


def test_an_unreadable_file_is_refused_with_a_message(alice, units):
    page = client_for(alice).post(
        "/petitions/nhap-tep/", {"file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage")}, follow=True
    )
    assert "UTF-8" in page.content.decode()
    page = client_for(alice).post(
        "/petitions/nhap-tep/", {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04broken")}
    )
    assert "Không đọc được tệp XLSX" in page.content.decode()


def test_the_import_page_shows_the_per_row_report(alice, units):
    text = HEADER + GOOD.format(code=units.commune_a.code) + "phản ánh,,,,,,,\n"
    page = (
        client_for(alice)
        .post("/petitions/nhap-tep/", {"file": SimpleUploadedFile("d.csv", text.encode())}, follow=True)
        .content.decode()
    )
    assert "1 dòng thành công, 1 dòng lỗi" in page


def test_indicators_count_received_resolved_on_time_and_overdue_per_unit(make_data, alice, units):
    from danvan.reporting.registry import get_indicator

    today = clock.today()
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    late = services.submit_petition(actor=None, channel="web", data=make_data(kind="proposal"))
    Petition.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=1))
    for move in (services.accept, services.start):
        p = move(actor=alice, petition=p)
    services.resolve(actor=alice, petition=p, answer="Đã xử lý.")

    def figures(code: str) -> dict[int, tuple[float, float]]:
        indicator = get_indicator(code)
        assert indicator is not None and indicator.compute is not None
        return {f.unit_id: (f.numerator, f.denominator) for f in indicator.compute(today, today)}

    a = units.commune_a.pk
    assert figures("petitions.received")[a][0] == 2
    assert figures("petitions.received.proposal")[a][0] == 1
    assert figures("petitions.resolved")[a][0] == 1
    assert figures("petitions.resolved_on_time_share")[a] == (1, 1)
    assert figures("petitions.overdue")[a][0] == 1


def test_the_demo_loader_creates_petitions_in_every_state(db):
    from django.core.management import call_command

    call_command("demo", "--only", "petitions", verbosity=0)
    states = set(Petition.objects.filter(is_demo=True).values_list("state", flat=True))
    assert states == {
        "received",
        "accepted",
        "refused",
        "transferred",
        "in_progress",
        "resolved",
        "closed",
        "withdrawn",
    }
    count = Petition.objects.count()
    call_command("demo", "--only", "petitions", verbosity=0)
    assert Petition.objects.count() == count


def test_the_demo_petitions_cross_every_boundary_a_figure_can_get_wrong(db):
    """Received one year and resolved the next; overdue then resolved late; overdue and still open;
    transferred with its new deadline passed (issue #15)."""
    from django.core.management import call_command

    call_command("demo", "--only", "petitions", verbosity=0)
    demo = list(Petition.objects.filter(is_demo=True))
    today = clock.today()
    assert any(
        p.resolved_at and clock.local_date(p.received_at).year < clock.local_date(p.resolved_at).year
        for p in demo
    )
    assert any(p.state == "resolved" and p.resolved_on_time is False for p in demo)
    assert any(p.state == "accepted" and p.due_date and p.due_date < today for p in demo)
    assert any(p.state == "transferred" and p.due_date and p.due_date < today for p in demo)
    assert any(clock.local(p.received_at).day != p.received_at.astimezone(dt.UTC).day for p in demo)


def test_a_csv_with_old_mac_line_ends_reads_without_a_crash() -> None:
    rows = list(importing.read_rows("don.csv", "kind,title\rfeedback,Cống tắc\r".encode()))
    assert rows == [{"kind": "feedback", "title": "Cống tắc"}]
    with pytest.raises(importing.ImportFileError, match="thiếu dòng tiêu đề"):
        list(importing.read_rows("don.csv", b'k"\r"\n'))  # found by hypothesis: was a csv.Error


def test_a_csv_with_a_giant_field_gets_a_clear_import_error() -> None:
    raw = b"kind,title\nfeedback," + b"x" * 200_000 + b"\n"
    with pytest.raises(importing.ImportFileError, match="Tệp CSV hỏng ở dòng"):
        list(importing.read_rows("don.csv", raw))
