"""The shared list machinery (core.lists, #20 item 5): sorting with aria-sort, totals, page sizes, the
filters kept in every link, bulk actions offered only when allowed."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from danvan.core import lists
from danvan.territory.models import AdminUnit

pytestmark = pytest.mark.django_db

COLUMNS = [
    lists.Column("code", "Mã", ("code",)),
    lists.Column("name", "Tên", ("name",)),
    lists.Column("note", "Ghi chú"),
]


def _listing(units: Any, **query: str) -> lists.Listing:
    request = RequestFactory().get("/x/", {"state": "open", **query})
    request.user = AnonymousUser()
    return lists.paginate(request, AdminUnit.objects.all(), COLUMNS, default="code")


def test_a_declared_column_sorts_both_ways_and_an_unknown_one_falls_back_to_the_default(units: Any) -> None:
    up = [u.code for u in _listing(units, sort="code").page]
    down = [u.code for u in _listing(units, sort="-code").page]
    assert up == sorted(up) and down == sorted(down, reverse=True)
    assert _listing(units, sort="password").sort == "code"
    headers = _listing(units, sort="-code").headers
    assert (
        headers[0].sort == "descending" and "sort=code" in headers[0].url and "state=open" in headers[0].url
    )
    assert headers[2].url == "" and headers[2].sort == ""


def test_the_total_counts_every_row_and_the_page_size_is_one_of_the_offered_sizes(units: Any) -> None:
    listing = _listing(units, per_page="50")
    assert listing.total == AdminUnit.objects.count() and listing.per_page == 50
    assert _listing(units, per_page="7").per_page == lists.PAGE_SIZES[0]
    assert [s for s, _url, current in listing.sizes if current] == [50]
    assert all("state=open" in url for _s, url, _c in listing.sizes)


def test_the_header_and_controls_render_aria_sort_the_total_and_the_sizes(units: Any) -> None:
    listing = _listing(units, sort="-name")
    html = render_to_string("includes/list_head.html", {"listing": listing}) + render_to_string(
        "includes/list_controls.html", {"listing": listing}
    )
    assert 'aria-sort="descending"' in html and f"Tổng số: {listing.total}" in html
    assert 'data-testid="list-total"' in html and 'aria-current="true">25<' in html


def test_no_bulk_form_is_offered_on_an_empty_page_and_exports_need_an_export(units: Any) -> None:
    bulk = lists.Bulk(url="x", describe=str)
    assert bulk.offered(AnonymousUser(), []) == []
    export = lists.Export("f", "T", ["A"], lambda r: [r])
    with_export = lists.Bulk(url="x", describe=str, export=export)
    assert [a.name for a in with_export.all_actions()] == ["export_xlsx", "export_csv"]


def test_a_list_of_records_without_a_workflow_is_offered_its_export(units: Any) -> None:
    export = lists.Export("f", "T", ["A"], lambda r: [r])
    bulk = lists.Bulk(url="x", describe=str, export=export)
    assert [a.name for a in bulk.offered(AnonymousUser(), [units.province])] == ["export_xlsx", "export_csv"]
