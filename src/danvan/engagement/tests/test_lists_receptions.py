"""Reception days and dialogues as officers expect them (#20 item 5): sorted, counted, paged with saved
filters; the ticked rows exported."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.conftest import client_for
from danvan.core import clock
from danvan.engagement.tests.helpers import planned

pytestmark = pytest.mark.django_db


def test_the_reception_list_sorts_counts_pages_and_keeps_saved_filters(alice: Any) -> None:
    c = client_for(alice)
    response = c.get("/engagement/receptions/", {"sort": "-citizens", "per_page": "100"})
    page = response.content.decode()
    assert response.status_code == 200 and 'aria-sort="descending"' in page and "Tổng số: 0" in page
    assert response.context["page"].paginator.per_page == 100 and 'data-testid="saved-filters"' in page
    assert 'name="sort" value="-citizens"' in page


def test_ticked_dialogues_are_exported(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    c = client_for(alice)
    assert 'value="export_xlsx"' in c.get("/engagement/dialogues/").content.decode()
    xlsx = c.post("/engagement/dialogues/bulk/", {"ids": [dialogue.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[1][1] == dialogue.title
