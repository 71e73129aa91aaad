"""Villages and households: registered by a commune through a form and a CSV/XLSX file, scoped."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from danvan.conftest import client_for
from danvan.core.models import AuditEntry
from danvan.core.workflow import NotPermitted, Refused
from danvan.democracy import services
from danvan.democracy.models import Household
from danvan.territory.models import Village

pytestmark = pytest.mark.django_db


def test_an_officer_registers_a_village_and_a_household_through_the_forms(alice: Any, units: Any) -> None:
    client = client_for(alice)
    r = client.post(
        "/democracy/thon/them/",
        {"unit": units.commune_a.code, "code": "T05", "name": "Tổ dân phố Bắc Sơn", "kind": "to_dan_pho"},
    )
    assert r.status_code == 302
    village = Village.objects.get(unit=units.commune_a, code="T05")
    assert village.get_kind_display() == "Tổ dân phố"
    r = client.post(
        "/democracy/ho/them/", {"village": village.pk, "code": "BS-001", "representative": "Lò Văn Pản"}
    )
    assert r.status_code == 302
    assert Household.objects.get(code="BS-001").village == village
    assert AuditEntry.objects.filter(object_type="territory.village").exists()


def test_a_duplicate_village_code_is_refused_in_vietnamese(alice: Any, units: Any) -> None:
    client = client_for(alice)
    data = {"unit": units.commune_a.code, "code": "T05", "name": "Thôn 5", "kind": "thon"}
    client.post("/democracy/thon/them/", data)
    r = client.post("/democracy/thon/them/", data)
    assert r.status_code == 400
    assert "Mã thôn “T05” đã có ở xã này." in r.content.decode()
    assert Village.objects.filter(code="T05").count() == 1


def test_an_officer_cannot_register_a_village_in_another_commune(alice: Any, units: Any) -> None:
    r = client_for(alice).post(
        "/democracy/thon/them/",
        {"unit": units.commune_b.code, "code": "T05", "name": "Thôn 5", "kind": "thon"},
    )
    assert r.status_code == 400  # commune B is not among the picker's units
    assert not Village.objects.exists()
    with pytest.raises(NotPermitted):
        services.register_village(actor=alice, unit=units.commune_b, code="T05", name="Thôn 5")


def test_a_village_is_registered_only_at_a_commune(root: Any, units: Any) -> None:
    with pytest.raises(Refused, match="chỉ đăng ký tại một xã"):
        services.register_village(actor=root, unit=units.province, code="T01", name="Thôn 1")


def test_bob_cannot_see_the_villages_of_commune_a(bob: Any, village: Any) -> None:
    client = client_for(bob)
    assert "Thôn Nà Sla" not in client.get("/democracy/thon/").content.decode()
    assert client.get(f"/democracy/thon/{village.pk}/").status_code == 404
    # and the picker's suggestions do not offer it either
    assert "Nà Sla" not in client.get("/territory/thon/?q=na sla").content.decode()


def test_a_household_cannot_be_put_in_a_village_outside_the_officers_communes(bob: Any, village: Any) -> None:
    r = client_for(bob).post(
        "/democracy/ho/them/", {"village": village.pk, "code": "X1", "representative": "A"}
    )
    assert r.status_code == 400
    assert "Không tìm thấy thôn" in r.content.decode()


def test_a_csv_file_registers_villages_and_households(alice: Any, units: Any) -> None:
    csv = (
        "village_code,village_name,village_kind,household_code,representative\n"
        "T01,Thôn Nà Sla,Thôn,H001,Nguyễn Văn An\n"
        "T01,,,H002,Hoàng Thị Bích\n"
        "T02,Bản Khau Cà,bản,H003,Lò Văn Dũng\n"
    ).encode()
    r = client_for(alice).post(
        "/democracy/nhap-tep/", {"unit": units.commune_a.code, "file": SimpleUploadedFile("ho.csv", csv)}
    )
    assert r.status_code == 302 and r["Location"].startswith("/democracy/nhap-tep/")
    assert "Đã nhập 2 thôn và 3 hộ gia đình." in client_for(alice).get(r["Location"]).content.decode()
    assert Village.objects.filter(unit=units.commune_a).count() == 2
    assert Village.objects.get(code="T02").kind == "ban"
    assert Household.objects.filter(unit=units.commune_a).count() == 3


def test_an_xlsx_file_registers_households(alice: Any, units: Any) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["village_code", "village_name", "village_kind", "household_code", "representative"])
    ws.append(["T09", "Tổ dân phố 9", "Tổ dân phố", "TDP9-1", "Trần Văn Hải"])
    buf = io.BytesIO()
    wb.save(buf)
    r = client_for(alice).post(
        "/democracy/nhap-tep/",
        {"unit": units.commune_a.code, "file": SimpleUploadedFile("ho.xlsx", buf.getvalue())},
    )
    assert r.status_code == 302
    assert Household.objects.get(code="TDP9-1").village.kind == "to_dan_pho"


def test_a_file_with_a_bad_row_saves_nothing_and_names_the_row(alice: Any, units: Any) -> None:
    csv = (
        "village_code,village_name,village_kind,household_code,representative\n"
        "T01,Thôn 1,thôn,H001,Nguyễn Văn An\n"
        "T01,,,H002,\n"
    ).encode()
    r = client_for(alice).post(
        "/democracy/nhap-tep/",
        {"unit": units.commune_a.code, "file": SimpleUploadedFile("ho.csv", csv)},
        follow=True,
    )
    body = r.content.decode()
    assert "Không nhập được" in body and "Dòng 3: Hãy nhập họ tên người đại diện hộ." in body
    assert "Không dòng nào được nhập" in body
    assert not Village.objects.exists() and not Household.objects.exists()


def test_a_file_without_the_header_or_not_utf8_is_refused(alice: Any, units: Any) -> None:
    client = client_for(alice)
    r = client.post(
        "/democracy/nhap-tep/",
        {"unit": units.commune_a.code, "file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n")},
        follow=True,
    )
    assert "Tệp thiếu dòng tiêu đề" in r.content.decode()
    r = client.post(
        "/democracy/nhap-tep/",
        {
            "unit": units.commune_a.code,
            "file": SimpleUploadedFile("a.csv", "village_code\nThôn".encode("cp1258")),
        },
        follow=True,
    )
    assert "UTF-8" in r.content.decode()


def test_an_unknown_village_kind_is_refused(root: Any, units: Any) -> None:
    with pytest.raises(Refused, match="Loại “xóm trại” không hợp lệ"):
        services.register_village(actor=root, unit=units.commune_a, code="T1", name="X", kind="xóm trại")


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when its batch ends
def test_a_village_file_is_imported_in_the_background_by_the_worker_and_its_file_deleted(
    alice: Any, bob: Any, units: Any, database_tasks: Any
) -> None:
    from pathlib import Path

    from django.core.management import call_command

    from danvan.democracy.models import VillageImportJob

    csv = (
        "village_code,village_name,village_kind,household_code,representative\nT01,Thôn 1,thôn,H1,Lò Văn A\n"
    )
    client = client_for(alice)
    r = client.post(
        "/democracy/nhap-tep/",
        {"unit": units.commune_a.code, "file": SimpleUploadedFile("ho.csv", csv.encode())},
    )
    job = VillageImportJob.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/democracy/nhap-tep/{job.pk}/"
    assert job.status == "queued" and not Village.objects.exists()  # the request did not import
    stored = Path(job.stored_path)
    assert (
        stored.exists()
        and stored.stat().st_mode & 0o777 == 0o600
        and "Thôn".encode() not in stored.read_bytes()
    )
    page = client.get(r["Location"]).content.decode()
    assert "Đang chờ" in page and 'hx-trigger="every 2s"' in page
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.villages, job.households) == ("done", 1, 1) and not stored.exists()
    page = client.get(r["Location"]).content.decode()
    assert "Đã nhập 1 thôn và 1 hộ gia đình." in page and "hx-trigger" not in page
    assert client_for(bob).get(r["Location"]).status_code == 404  # only the officer who started it
