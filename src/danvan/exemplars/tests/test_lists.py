"""The exemplars registry as officers expect it (#20 item 5): models and people filtered, sorted, counted
and paged by core.lists, saved filters, ticked drafts sent for recognition together (all or nothing),
the selection exported; a supervisor is offered no move."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.conftest import Units, client_for
from danvan.exemplars import services
from danvan.exemplars.models import Kind, Status
from danvan.exemplars.tests.factories import register

pytestmark = pytest.mark.django_db

LIST = "/exemplars/registry/"
BULK = "/exemplars/registry/bulk/"


def test_the_registry_filters_models_and_people_sorts_and_counts(units: Units, alice: Any) -> None:
    register(alice, units.commune_a, name="Mô hình làm đường giao thông")
    register(alice, units.commune_a, name="Bà Lò Thị Mai, người hòa giải", kind=Kind.PERSON)
    c = client_for(alice)
    response = c.get(LIST, {"kind": "person", "sort": "name", "per_page": "50"})
    page = response.content.decode()
    assert [e.name for e in response.context["page"]] == ["Bà Lò Thị Mai, người hòa giải"]
    assert "Tổng số: 1" in page and 'aria-sort="ascending"' in page and 'name="per_page" value="50"' in page
    names = [e.name for e in c.get(LIST, {"sort": "-name"}).context["page"]]
    assert names == ["Mô hình làm đường giao thông", "Bà Lò Thị Mai, người hòa giải"]
    assert [e.name for e in c.get(LIST, {"q": "hoa giai"}).context["page"]] == [
        "Bà Lò Thị Mai, người hòa giải"
    ]
    assert 'data-testid="saved-filters"' in page


def test_ticked_drafts_are_sent_for_recognition_together(units: Units, alice: Any) -> None:
    a = register(alice, units.commune_a, name="Mô hình một")
    b = register(alice, units.commune_a, name="Mô hình hai")
    c = client_for(alice)
    assert 'value="submit"' in c.get(LIST).content.decode()
    c.post(BULK, {"ids": [a.pk, b.pk], "action": "submit"})
    a.refresh_from_db(), b.refresh_from_db()
    assert a.status == b.status == Status.SUBMITTED


def test_one_record_already_sent_stops_the_whole_batch(units: Units, alice: Any) -> None:
    a = register(alice, units.commune_a, name="Mô hình một")
    b = register(alice, units.commune_a, name="Mô hình hai")
    services.submit(actor=alice, exemplar=b)
    text = (
        client_for(alice).post(BULK, {"ids": [a.pk, b.pk], "action": "submit"}, follow=True).content.decode()
    )
    assert "Mô hình hai" in text and "Không dòng nào được ghi" in text
    a.refresh_from_db()
    assert a.status == Status.DRAFT


def test_a_supervisor_is_offered_the_export_only(units: Units, alice: Any, carol: Any) -> None:
    a = register(alice, units.commune_a, name="Mô hình một")
    c = client_for(carol)
    page = c.get(LIST).content.decode()
    assert 'value="submit"' not in page and 'value="export_xlsx"' in page
    refused = c.post(BULK, {"ids": [a.pk], "action": "submit"}, follow=True).content.decode()
    assert "Không dòng nào được ghi" in refused
    xlsx = c.post(BULK, {"ids": [a.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "Tên" and rows[1][0] == "Mô hình một"
