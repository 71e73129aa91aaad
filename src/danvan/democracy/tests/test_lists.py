"""The democracy registers are lists officers expect (#20 item 5): sortable columns, total, page size."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["democracy:disclosures", "democracy:consultations"])
def test_a_register_sorts_by_a_column_shows_its_total_and_offers_page_sizes(name: str, carol: Any) -> None:
    c = client_for(carol)
    response = c.get(reverse(name), {"sort": "-title", "per_page": "50"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'aria-sort="descending"' in page and "sort=title" in page
    assert "Tổng số: 0" in page and response.context["page"].paginator.per_page == 50
    assert c.get(reverse(name), {"sort": "nonsense"}).status_code == 200


def test_the_disclosure_register_offers_the_persons_saved_filters(carol: Any) -> None:
    c = client_for(carol)
    c.post(
        "/accounts/bo-loc/",
        {
            "list_name": "democracy-disclosures",
            "name": "Đang công khai",
            "query": "state=posted",
            "next": "/",
        },
    )
    page = c.get(reverse("democracy:disclosures")).content.decode()
    assert "Đang công khai" in page.split('data-testid="saved-filters"')[1]
