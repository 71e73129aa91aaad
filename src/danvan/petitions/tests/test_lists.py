"""The officer's petition list (#20 item 5): sorting, totals, page size, bulk actions, saved filters,
search by the sender's name or phone for those who may see it."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from danvan.accounts.models import SavedFilter
from danvan.conftest import client_for
from danvan.core.models import AuditEntry
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.tests.conftest import denunciation_data

pytestmark = pytest.mark.django_db


def _three(make_data):
    return [
        services.submit_petition(actor=None, channel="web", data=make_data(title=t))
        for t in ("Bờ kè sạt lở", "Cống tắc", "Ánh sáng đèn đường")
    ]


def test_the_list_sorts_by_a_column_both_ways_and_ignores_an_unknown_column(make_data, alice):
    _three(make_data)
    c = client_for(alice)
    up = [p.title for p in c.get("/petitions/", {"sort": "code"}).context["page"]]
    down = [p.title for p in c.get("/petitions/", {"sort": "-code"}).context["page"]]
    assert up == list(reversed(down)) and len(up) == 3
    page = c.get("/petitions/", {"sort": "code"}).content.decode()
    assert 'aria-sort="ascending"' in page and "sort=-code" in page
    assert c.get("/petitions/", {"sort": "petitioner_name"}).status_code == 200


def test_the_list_shows_its_total_and_offers_page_sizes(make_data, alice):
    _three(make_data)
    c = client_for(alice)
    response = c.get("/petitions/", {"per_page": "50"})
    page = response.content.decode()
    assert "Tổng số: 3" in page and response.context["page"].paginator.per_page == 50
    assert c.get("/petitions/", {"per_page": "100000"}).context["page"].paginator.per_page == 25


def test_ticked_petitions_are_exported_as_xlsx_and_csv_and_the_export_is_audited(make_data, alice):
    a, b, _c = _three(make_data)
    c = client_for(alice)
    xlsx = c.post("/petitions/hang-loat/", {"ids": [a.pk, b.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ" and {r[0] for r in rows[1:]} == {a.tracking_code, b.tracking_code}
    text = c.post("/petitions/hang-loat/", {"ids": [a.pk], "action": "export_csv"}).content.decode()
    assert [r[0] for r in csv.reader(io.StringIO(text.lstrip("\ufeff")))][1:] == [a.tracking_code]
    assert AuditEntry.objects.filter(action="export", actor_id=alice.pk).count() == 2


def test_a_unit_head_assigns_ticked_petitions_to_an_officer_in_one_go(make_data, alice, hanna):
    a, b, _c = _three(make_data)
    c = client_for(hanna)
    assert 'name="handler"' in c.get("/petitions/").content.decode()
    response = c.post(
        "/petitions/hang-loat/", {"ids": [a.pk, b.pk], "action": "assign", "handler": alice.pk}, follow=True
    )
    assert "Đã phân công 2 đơn" in response.content.decode()
    assert set(Petition.objects.filter(handler=alice).values_list("pk", flat=True)) == {a.pk, b.pk}
    # an officer is not offered assignment and her attempt changes nothing
    assert 'name="handler"' not in client_for(alice).get("/petitions/").content.decode()


def test_a_bulk_transfer_moves_what_it_may_and_lists_the_others_with_their_reason(
    make_data, alice, units, bob
):
    a, b, _c = _three(make_data)
    b = services.accept(actor=alice, petition=b)  # an accepted petition cannot be transferred
    foreign = services.submit_petition(
        actor=None, channel="web", data=make_data(place_code=units.commune_b.code)
    )
    response = client_for(alice).post(
        "/petitions/hang-loat/",
        {
            "ids": [a.pk, b.pk, foreign.pk],
            "action": "transfer",
            "to_unit": units.commune_c.code,
            "reason": "Không thuộc thẩm quyền",
            "confirm": "on",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã chuyển 1 đơn" in page and a.tracking_code in page
    assert "Không thực hiện được với 1 đơn" in page and b.tracking_code in page
    assert Petition.objects.get(pk=a.pk).unit_id == units.commune_c.pk
    assert Petition.objects.get(pk=b.pk).unit_id == units.commune_a.pk
    assert Petition.objects.get(pk=foreign.pk).unit_id == units.commune_b.pk  # outside her scope: untouched


def test_a_bulk_transfer_without_confirmation_or_reason_moves_nothing(make_data, alice, units):
    a, _b, _c = _three(make_data)
    response = client_for(alice).post(
        "/petitions/hang-loat/",
        {"ids": [a.pk], "action": "transfer", "to_unit": units.commune_c.code},
        follow=True,
    )
    assert "Hãy đánh dấu xác nhận" in response.content.decode()
    assert Petition.objects.get(pk=a.pk).unit_id == units.commune_a.pk


def test_a_person_saves_a_filter_finds_it_again_and_nobody_else_sees_it(make_data, alice, bob):
    c = client_for(alice)
    response = c.post(
        "/accounts/bo-loc/",
        {"list_name": "petitions", "name": "Quá hạn", "query": "due=overdue&page=3", "next": "/petitions/"},
    )
    assert response.status_code == 302 and response["Location"] == "/petitions/?due=overdue"
    saved = SavedFilter.objects.get()
    assert saved.user == alice and saved.query == "due=overdue"
    assert "Quá hạn" in c.get("/petitions/").content.decode().split('data-testid="saved-filters"')[1]
    assert (
        "?due=overdue"
        not in client_for(bob)
        .get("/petitions/")
        .content.decode()
        .split('data-testid="saved-filters"')[1]
        .split("</details>")[0]
    )
    client_for(bob).post(f"/accounts/bo-loc/{saved.pk}/xoa/", {"next": "/petitions/"})
    assert SavedFilter.objects.count() == 1
    c.post(f"/accounts/bo-loc/{saved.pk}/xoa/", {"next": "https://evil.example/"})
    assert SavedFilter.objects.count() == 0


def test_an_officer_finds_petitions_by_the_senders_phone_or_name_without_diacritics(make_data, alice, carol):
    mine = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(petitioner_name="Trần Thị Mận", petitioner_phone="0987 111 222"),
    )
    services.submit_petition(actor=None, channel="web", data=make_data())
    c = client_for(alice)
    assert list(c.get("/petitions/", {"who": "+84987111222"}).context["page"]) == [mine]
    assert list(c.get("/petitions/", {"who": "tran thi man"}).context["page"]) == [mine]
    assert list(c.get("/petitions/", {"who": "Trần Thị"}).context["page"]) == []  # exact names only
    # a supervisor, who does not handle petitions, has no such search
    assert 'name="who"' not in client_for(carol).get("/petitions/").content.decode()
    assert list(client_for(carol).get("/petitions/", {"who": "0987111222"}).context["page"]) == []


def test_a_denunciator_is_found_only_by_who_may_see_her_and_the_search_is_audited(
    make_data, alice, hanna, units
):
    from danvan.conftest import make_user

    name = "Phạm Thị Kín Đáo"
    p = services.submit_petition(
        actor=None, channel="web", data=denunciation_data(make_data, name, petitioner_phone="0911000111")
    )
    assert "0911000111" not in str(Petition.objects.filter(pk=p.pk).values().get())
    other = make_user("oanh", units.commune_a, "officer")
    assert list(client_for(other).get("/petitions/", {"who": "0911000111"}).context["page"]) == []
    assert not AuditEntry.objects.filter(action="view_confidential").exists()
    found = list(client_for(hanna).get("/petitions/", {"who": "pham thi kin dao"}).context["page"])
    assert found == [p]
    entry = AuditEntry.objects.get(action="view_confidential", actor_id=hanna.pk)
    assert "tố cáo" in entry.summary and name not in entry.summary


def test_pages_that_asked_to_be_reloaded_now_update_themselves_by_htmx_polling(make_data, alice, settings):
    from danvan.petitions.models import ImportJob

    settings.PETITIONS_ENRICH_SYNC = False
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    page = client_for(alice).get(f"/petitions/{p.pk}/").content.decode()
    if Petition.objects.get(pk=p.pk).is_enrichment_pending:
        assert 'hx-trigger="every 3s"' in page
    assert "Hãy tải lại trang" not in page
    job = ImportJob.objects.create(actor=alice, unit=p.unit, file_name="a.csv", status="running")
    page = client_for(alice).get(f"/petitions/nhap-tep/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' not in page
