"""The press events list as officers expect it (#20 item 5): sorted with aria-sort, counted, paged,
filters kept, saved filters, the ticked events exported."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.conftest import client_for
from danvan.press.models import Event
from danvan.press.tests.test_pages import events  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_events_sort_by_a_column_page_and_keep_the_search(alice: Any, events: dict[str, Event]) -> None:  # noqa: F811
    c = client_for(alice)
    up = [e.pk for e in c.get("/press/", {"sort": "date"}).context["page"]]
    down = [e.pk for e in c.get("/press/", {"sort": "-date"}).context["page"]]
    assert up == list(reversed(down)) and len(up) == 2
    response = c.get("/press/", {"sort": "title", "per_page": "50", "q": "dan van"})
    page = response.content.decode()
    assert 'aria-sort="ascending"' in page and "Tổng số: " in page and 'name="sort" value="title"' in page
    assert response.context["page"].paginator.per_page == 50 and 'data-testid="saved-filters"' in page


def test_ticked_events_are_exported_and_nothing_else_is_offered(alice: Any, events: dict[str, Event]) -> None:  # noqa: F811
    c = client_for(alice)
    page = c.get("/press/").content.decode()
    assert 'value="export_xlsx"' in page and 'value="export_csv"' in page
    event = events["langson"]
    xlsx = c.post("/press/events/bulk/", {"ids": [event.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][1] == "Sự kiện" and rows[1][1] == event.display_title and len(rows) == 2
