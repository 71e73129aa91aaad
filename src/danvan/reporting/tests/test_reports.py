from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.conftest import Units, client_for
from danvan.core.models import AuditAction, AuditEntry
from danvan.core.workflow import Refused
from danvan.reporting import selectors, services
from danvan.reporting.models import Period, Report, ReportStatus
from danvan.reporting.tests.conftest import ORGS, add_orgs

pytestmark = pytest.mark.django_db

SECTIONS = {
    "results": "Tiếp nhận, giải quyết kịp thời đơn thư; tổ chức 2 buổi đối thoại.",
    "limitations": "Một số đơn còn quá hạn do thiếu cán bộ.",
    "lessons": "Người đứng đầu trực tiếp đối thoại thì dân tin.",
    "next_tasks": "Giải quyết dứt điểm đơn tồn; nhân rộng mô hình.",
}


def _filled(report: Report, actor: Any) -> Report:
    return services.update_report(actor=actor, report=report, version=report.version, **SECTIONS)


def test_a_report_with_empty_required_sections_is_refused_and_stays_a_draft(
    units: Units, year: Period, alice: Any
) -> None:
    report = services.start_report(actor=alice, unit=units.commune_a, period=year)
    services.update_report(actor=alice, report=report, version=report.version, results="Có kết quả.")
    with pytest.raises(Refused) as err:
        services.submit_report(actor=alice, report=report)
    message = str(err.value)
    assert "Hạn chế, nguyên nhân" in message and "Bài học kinh nghiệm" in message and "Nhiệm vụ" in message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.figures == {}


def test_a_commune_submits_and_the_province_returns_then_accepts_its_report(
    units: Units, year: Period, alice: Any, pat: Any
) -> None:
    report = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    services.submit_report(actor=alice, report=report)
    with pytest.raises(PermissionDenied):
        services.accept_report(actor=alice, report=report)  # a commune cannot accept its own report
    with pytest.raises(Refused, match="ý kiến"):
        services.return_report(actor=pat, report=report, comment="  ")
    services.return_report(actor=pat, report=report, comment="Bổ sung số liệu đối thoại.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_comment == "Bổ sung số liệu đối thoại."
    report = services.update_report(actor=alice, report=report, version=report.version, results="Đã bổ sung.")
    services.submit_report(actor=alice, report=report)
    services.accept_report(actor=pat, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    moves = list(report.history.exclude(action="edit").values_list("from_state", "to_state", "action"))
    assert moves == [("", "draft", "start"), ("draft", "submitted", "submit"), ("submitted", "returned", "return_report"),
                     ("returned", "submitted", "submit"), ("submitted", "accepted", "accept")]  # fmt: skip
    assert (
        AuditEntry.objects.filter(object_type="reporting.report", action=AuditAction.TRANSITION).count() == 4
    )


def test_an_accepted_report_cannot_be_edited_or_accepted_again(
    units: Units, year: Period, alice: Any, pat: Any
) -> None:
    report = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    services.submit_report(actor=alice, report=report)
    services.accept_report(actor=pat, report=report)
    report.refresh_from_db()
    with pytest.raises(Refused, match="không sửa được"):
        services.update_report(actor=alice, report=report, version=report.version, results="x")
    with pytest.raises(Refused, match="Không thể chuyển báo cáo"):
        services.accept_report(actor=pat, report=report)


def test_two_officers_editing_the_same_draft_get_a_clear_conflict_message(
    units: Units, year: Period, alice: Any, hanna: Any
) -> None:
    report = services.start_report(actor=alice, unit=units.commune_a, period=year)
    stale_version = report.version
    services.update_report(actor=hanna, report=report, version=stale_version, results="Bản của Hạnh")
    with pytest.raises(Refused, match="vừa được người khác cập nhật"):
        services.update_report(actor=alice, report=report, version=stale_version, results="Bản của Alice")


def test_submitted_figures_are_frozen_when_records_change_later(
    units: Units, year: Period, alice: Any, test_indicators: Any
) -> None:
    from danvan.accounts.models import Organisation

    Organisation.objects.all().delete()
    add_orgs(units.commune_a, ["ubnd", "mttq"])
    report = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    services.submit_report(actor=alice, report=report)
    add_orgs(units.commune_a, ["hoi_ccb"])
    report.refresh_from_db()
    row = next(r for r in selectors.report_tables(report)["rows"] if r["code"] == ORGS)
    assert row["value"] == 2
    live = next(r for r in selectors.build_tables(units.commune_a, year)["rows"] if r["code"] == ORGS)
    assert live["value"] == 3


def test_the_province_sees_each_commune_status_and_compiles_a_consolidated_report(
    units: Units, year: Period, alice: Any, bob: Any, pat: Any
) -> None:
    a = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    services.submit_report(actor=alice, report=a)
    services.accept_report(actor=pat, report=a)
    services.start_report(actor=bob, unit=units.commune_b, period=year)
    statuses = {s.code: s.status for s in selectors.subordinate_statuses(units.province, year)}
    assert statuses[units.commune_a.code] == ReportStatus.ACCEPTED
    assert statuses[units.commune_b.code] == ReportStatus.DRAFT
    assert sum(1 for s in statuses.values() if s == ReportStatus.NOT_STARTED) == len(statuses) - 2
    consolidated = services.compile_consolidated(actor=pat, unit=units.province, period=year)
    assert consolidated.is_consolidated
    assert consolidated.results.startswith(f"{units.commune_a.name}: ")
    assert units.commune_b.name not in consolidated.results  # a draft is not compiled


def test_compiling_with_no_report_received_is_refused(units: Units, year: Period, pat: Any) -> None:
    with pytest.raises(Refused, match="Chưa có đơn vị trực thuộc"):
        services.compile_consolidated(actor=pat, unit=units.province, period=year)
    assert not Report.objects.exists()


def test_a_period_overlapping_a_closed_period_is_refused(year: Period, nora: Any) -> None:
    services.close_period(actor=nora, period=year)
    with pytest.raises(Refused, match="trùng với kỳ đã khóa"):
        services.create_period(actor=nora, kind="custom", name="Quý IV/2025", start=dt.date(2025, 10, 1),
                               end=dt.date(2026, 1, 31))  # fmt: skip
    assert Period.objects.count() == 1
    services.create_period(actor=nora, kind="six_month", name="6 tháng đầu năm 2026", start=dt.date(2026, 1, 1),
                           end=dt.date(2026, 6, 30))  # fmt: skip


def test_a_new_period_takes_the_annual_theme_of_its_year(seeded: None, nora: Any) -> None:
    period = services.create_period(actor=nora, kind="annual", name="Năm 2021", start=dt.date(2021, 1, 1),
                                    end=dt.date(2021, 12, 31))  # fmt: skip
    assert period.theme is not None and period.theme.title == "Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở"
    p2019 = services.create_period(actor=nora, kind="annual", name="Năm 2019", start=dt.date(2019, 1, 1),
                                   end=dt.date(2019, 12, 31))  # fmt: skip
    assert p2019.theme is not None and p2019.theme.title == "Năm dân vận chính quyền"


def test_a_period_ending_before_it_starts_is_refused(seeded: None, nora: Any) -> None:
    with pytest.raises(Refused, match="phải bằng hoặc sau ngày bắt đầu"):
        services.create_period(
            actor=nora, kind="custom", name="Sai", start=dt.date(2026, 5, 1), end=dt.date(2026, 4, 1)
        )


def test_the_annual_theme_registry_is_editable(seeded: None, nora: Any) -> None:
    theme = services.create_theme(actor=nora, year_from=2026, year_to=2026, title="Chủ đề thử")
    services.update_theme(actor=nora, theme=theme, year_from=2026, year_to=2027, title="Chủ đề thử (sửa)")
    theme.refresh_from_db()
    assert (theme.year_to, theme.title) == (2027, "Chủ đề thử (sửa)")
    assert selectors.theme_for(dt.date(2027, 3, 1)) == theme


def test_officers_of_another_province_get_404_on_a_report(
    units: Units, year: Period, alice: Any, olga: Any
) -> None:
    report = services.start_report(actor=alice, unit=units.commune_a, period=year)
    assert client_for(olga).get(f"/reporting/reports/{report.pk}/").status_code == 404
    assert client_for(olga).get(f"/reporting/reports/{report.pk}/export.docx").status_code == 404


def test_the_report_pages_render_for_the_commune_and_the_province(
    units: Units, year: Period, alice: Any, pat: Any
) -> None:
    c = client_for(alice)
    response = c.post(
        f"/reporting/reports/start/?period={year.pk}&unit={units.commune_a.code}", {"body_kind": "state"}
    )
    report = Report.objects.get()
    assert response.status_code == 302 and report.body_kind == "state"
    page = c.get(f"/reporting/reports/{report.pk}/")
    assert page.status_code == 200 and "Lưu và gửi cấp trên" in page.content.decode()
    form = {"version": report.version, "title": report.title, "body_kind": "state", "issuing_body": report.issuing_body,
            "results": "", "limitations": "", "lessons": "", "next_tasks": "", "then": "submit"}  # fmt: skip
    c.post(f"/reporting/reports/{report.pk}/", form)
    page = c.get(f"/reporting/reports/{report.pk}/")
    assert "các phần bắt buộc còn trống" in page.content.decode()
    listing = client_for(pat).get(f"/reporting/reports/?period={year.pk}&unit={units.province.code}")
    assert listing.status_code == 200
    assert "Đang soạn" in listing.content.decode() and "Chưa bắt đầu" in listing.content.decode()


def test_the_upper_level_cannot_write_a_subordinate_units_report(
    units: Units, year: Period, alice: Any, pat: Any
) -> None:
    report = services.start_report(actor=alice, unit=units.commune_a, period=year)
    with pytest.raises(PermissionDenied):
        services.update_report(actor=pat, report=report, version=report.version, results="Tỉnh viết hộ")
    with pytest.raises(PermissionDenied):
        services.start_report(actor=pat, unit=units.commune_b, period=year)
    page = client_for(pat).get(f"/reporting/reports/{report.pk}/").content.decode()
    assert 'data-testid="report-form"' not in page


def test_a_draft_is_labelled_live_and_a_submitted_report_with_the_instant_its_figures_were_frozen(
    units: Units, year: Period, alice: Any, test_indicators: Any
) -> None:
    report = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    draft = client_for(alice).get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert "Dự thảo: số liệu trực tiếp" in draft
    assert "tính tại thời điểm xem" not in draft
    services.submit_report(actor=alice, report=report)
    report.refresh_from_db()
    tables = selectors.report_tables(report)
    assert tables["frozen"] and tables["frozen_at"]
    assert tables["label"].startswith("Số liệu đã chốt lúc ") and "khi gửi báo cáo" in tables["label"]
    sent = client_for(alice).get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert "Số liệu đã chốt lúc" in sent and "Dự thảo" not in sent


def test_a_later_change_to_a_frozen_figure_is_flagged_on_the_next_report(
    units: Units, year: Period, alice: Any, test_indicators: Any
) -> None:
    from danvan.accounts.models import Organisation

    Organisation.objects.all().delete()
    add_orgs(units.commune_a, ["ubnd", "mttq"])
    first = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    services.submit_report(actor=alice, report=first)
    add_orgs(units.commune_a, ["hoi_ccb"])  # entered after the report was sent
    following = Period.objects.create(
        kind="annual", name="Năm 2026", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    nxt = _filled(services.start_report(actor=alice, unit=units.commune_a, period=following), alice)
    flagged = {r["code"]: r for r in selectors.report_tables(nxt)["revisions"]}
    assert flagged[ORGS]["frozen"] == 2 and flagged[ORGS]["now"] == 3
    services.submit_report(actor=alice, report=nxt)
    nxt.refresh_from_db()
    assert any(r["code"] == ORGS for r in nxt.figures["revisions"])  # the flag travels with the sent report
