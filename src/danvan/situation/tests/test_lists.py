"""Situation's lists as officers expect them (#20 item 5): reports, hotspots and polls sorted, counted
and paged by core.lists with saved filters; ticked reports forwarded together (all or nothing) by those
the rulebook allows; reports and hotspots exported (never who reported)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.conftest import client_for
from danvan.situation import services
from danvan.situation.models import SituationReport
from danvan.situation.tests.test_reports import _file

pytestmark = pytest.mark.django_db

LIST = "/situation/bao-cao/"
BULK = "/situation/bao-cao/hang-loat/"


def test_an_officer_forwards_ticked_reports_together(units: Any, cuong: Any, alice: Any, topic: Any) -> None:
    a, b = _file(cuong, units.commune_a, topic), _file(cuong, units.commune_a, topic)
    c = client_for(alice)
    page = c.get(LIST).content.decode()
    assert 'value="forward"' in page and "Tổng số: 2" in page
    c.post(BULK, {"ids": [a.pk, b.pk], "action": "forward"})
    assert set(SituationReport.objects.values_list("state", flat=True)) == {"forwarded"}


def test_a_returned_report_among_the_ticked_ones_stops_the_forwarding(
    units: Any, cuong: Any, alice: Any, topic: Any
) -> None:
    a, b = _file(cuong, units.commune_a, topic), _file(cuong, units.commune_a, topic)
    services.return_report(actor=alice, report=b, note="Cần nói rõ bao nhiêu hộ.")
    text = (
        client_for(alice).post(BULK, {"ids": [a.pk, b.pk], "action": "forward"}, follow=True).content.decode()
    )
    assert f"#{b.pk}" in text and "Không dòng nào được ghi" in text
    a.refresh_from_db()
    assert a.state == "submitted"


def test_a_collaborator_is_not_offered_forwarding_and_the_export_names_no_reporter(
    units: Any, cuong: Any, topic: Any
) -> None:
    a = _file(cuong, units.commune_a, topic)
    c = client_for(cuong)
    page = c.get(LIST).content.decode()
    assert 'value="forward"' not in page and 'value="export_xlsx"' in page
    xlsx = c.post(BULK, {"ids": [a.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert (
        rows[1][0] == f"#{a.pk}"
        and cuong.username not in str(rows)
        and (cuong.full_name or "@") not in str(rows)
    )


def test_the_reports_hotspots_and_polls_lists_sort_page_and_keep_the_filters(
    units: Any, cuong: Any, alice: Any, topic: Any
) -> None:
    _file(cuong, units.commune_a, topic)
    services.open_hotspot(
        actor=alice, unit=units.commune_a, title="Ô nhiễm nước giếng", topic=topic["moi_truong"], risk="high",
        summary="Nhiều hộ phản ánh.",
    )  # fmt: skip
    c = client_for(alice)
    for path, sort in (
        (LIST, "-submitted"),
        ("/situation/diem-nong/", "title"),
        ("/situation/tham-do/", "-created"),
    ):
        response = c.get(path, {"sort": sort, "per_page": "50"})
        page = response.content.decode()
        assert response.status_code == 200 and "aria-sort=" in page and "Tổng số: " in page, path
        assert response.context["page"].paginator.per_page == 50 and 'data-testid="saved-filters"' in page
    hotspots = c.get("/situation/diem-nong/", {"state": "active", "sort": "title"}).content.decode()
    assert "Ô nhiễm nước giếng" in hotspots and 'name="sort" value="title"' in hotspots


def test_the_reports_list_updates_itself_by_polling_and_keeps_ticked_rows(
    units: Any, cuong: Any, alice: Any, topic: Any
) -> None:
    a = _file(cuong, units.commune_a, topic)
    c = client_for(alice)
    page = c.get(LIST, {"state": "submitted"}).content.decode()
    assert 'hx-trigger="every 60s"' in page and 'hx-select="#list-live"' in page and "state=submitted" in page
    assert f'id="tick-{a.pk}" hx-preserve="true"' in page
    assert 'data-testid="list-live"' in c.get(LIST, headers={"HX-Request": "true"}).content.decode()
