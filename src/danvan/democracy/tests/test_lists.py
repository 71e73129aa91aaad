"""Democracy's lists as officers expect them (#20 item 5): community decisions and village conventions
sorted with aria-sort, counted and paged by core.lists, with saved filters."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.democracy import services

pytestmark = pytest.mark.django_db


def test_decisions_sort_both_ways_count_and_page(root: Any, village: Any, alice: Any) -> None:
    for title in ("Bê tông hóa đường thôn", "Xây nhà văn hóa"):
        services.create_decision(
            actor=root, village=village, matter="contributions", title=title, form="meeting"
        )
    c = client_for(alice)
    up = [d.title for d in c.get("/democracy/quyet-dinh/", {"sort": "title"}).context["page"]]
    assert up == ["Bê tông hóa đường thôn", "Xây nhà văn hóa"]
    response = c.get("/democracy/quyet-dinh/", {"sort": "-title", "per_page": "50"})
    page = response.content.decode()
    assert [d.title for d in response.context["page"]] == list(reversed(up))
    assert 'aria-sort="descending"' in page and "Tổng số: 2" in page and 'data-testid="saved-filters"' in page
    assert response.context["page"].paginator.per_page == 50


def test_conventions_show_their_total_and_sortable_headers(alice: Any) -> None:
    page = client_for(alice).get("/democracy/huong-uoc/", {"sort": "-posted"}).content.decode()
    assert 'aria-sort="descending"' in page and "Tổng số: 0" in page and 'data-testid="list-controls"' in page
