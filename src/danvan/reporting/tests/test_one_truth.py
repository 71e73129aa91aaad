"""One truth for every figure (issue #15): each case reported there, reproduced; every one of these tests
fails on the code before the fix.

- overdue petitions: 6 on the dashboard, 0 on the petition list, 0 records in the drill-down;
- "Đơn thư lĩnh vực đất đai" above the petitions received (15 > 13);
- overdue commitments: 0 on the desk card, 8 on the dashboard, 7 on the coverage page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse

from danvan.accounts.scoping import scope_for
from danvan.conftest import Units, client_for
from danvan.core import clock
from danvan.engagement import cards
from danvan.engagement import selectors as engagement_selectors
from danvan.engagement.models import Commitment, Dialogue
from danvan.petitions import selectors as petition_selectors
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field, Petition
from danvan.petitions.tests.conftest import petition_data
from danvan.reporting import catalogue as cat
from danvan.reporting import selectors
from danvan.reporting.models import ManualFigure, Period
from danvan.reporting.rollup import figures_for_period

pytestmark = pytest.mark.django_db


def _running_period() -> Period:
    """A period that started 40 days ago and ends in 60 days: its figures are live, counted today."""
    today = clock.today()
    return Period.objects.create(
        kind="annual",
        name="Kỳ đang diễn ra",
        start=today - dt.timedelta(days=40),
        end=today + dt.timedelta(days=60),
    )


def _petition(
    units: Units, *, received_days_ago: int, state: str, due_in: int | None, **extra: Any
) -> Petition:
    p = petition_services.submit_petition(actor=None, channel="web", data=petition_data(units))
    received = clock.start_of_day(clock.today() - dt.timedelta(days=received_days_ago)) + dt.timedelta(
        hours=9
    )
    due = clock.today() + dt.timedelta(days=due_in) if due_in is not None else None
    Petition.objects.filter(pk=p.pk).update(
        unit=units.commune_a, received_at=received, state=state, due_date=due, **extra
    )
    return Petition.objects.get(pk=p.pk)


def test_overdue_petitions_are_the_same_on_the_dashboard_the_petition_list_and_the_drill_down(
    units: Units, carol: Any
) -> None:
    period = _running_period()
    _petition(units, received_days_ago=20, state="accepted", due_in=-1)  # overdue since yesterday
    _petition(units, received_days_ago=20, state="accepted", due_in=10)  # due before the period ends: not yet
    _petition(units, received_days_ago=20, state="received", due_in=0)  # due today: not yet overdue
    resolved = clock.start_of_day(clock.today() - dt.timedelta(days=2)) + dt.timedelta(hours=10)
    _petition(units, received_days_ago=20, state="resolved", due_in=None, resolved_at=resolved)
    indicator = cat.get("petitions.overdue")
    assert indicator is not None
    figures = figures_for_period(period)
    scope = scope_for(carol)
    assert figures.value("petitions.overdue", units.province.pk) == 1
    assert figures.value("petitions.open", units.province.pk) == 3
    assert petition_selectors.deadline_counts(scope)["overdue"] == 1
    assert petition_selectors.petitions_for(scope, due="overdue").count() == 1
    records, total = selectors.drill_records(indicator, period, units.province)
    assert total == 1 and len(records) == 1
    # the pages say the same
    client = client_for(carol)
    listing = client.get(reverse("petitions:list")).content.decode()
    assert re.search(r'data-testid="overdue-count">[^<]*: 1<', listing)
    page = client.get(
        reverse("reporting:indicator_records", args=["petitions.overdue"]), {"period": period.pk}
    )
    assert '<span data-testid="records-total">1</span>' in page.content.decode()
    detail = client.get(
        reverse("reporting:indicator_detail", args=["petitions.overdue"]), {"period": period.pk}
    )
    assert re.search(r'data-testid="total">1<', detail.content.decode())
    assert "hôm nay" in detail.content.decode()  # the screen says the figure is counted today
    api = client.get("/api/v1/figures", {"unit": units.province.code, "period": period.pk}).json()
    overdue = next(f for f in api["figures"] if f["code"] == "petitions.overdue")
    assert overdue["value"] == 1 and overdue["stock"] and api["as_of"] == clock.today().isoformat()
    assert getattr(indicator, "stock", False) and getattr(indicator, "whole", None) == "petitions.open"


def test_the_land_field_is_counted_from_the_petitions_and_never_exceeds_those_received(
    units: Units, carol: Any
) -> None:
    period = _running_period()
    land = Field.objects.get(code="dat_dai")
    _petition(units, received_days_ago=5, state="received", due_in=10, field=land)
    _petition(units, received_days_ago=5, state="received", due_in=10)
    _petition(units, received_days_ago=6, state="received", due_in=10)
    ManualFigure.objects.create(  # a hand-entered figure left from before: no longer used
        indicator_code="petitions.land", unit=units.commune_a, period=period, numerator=15
    )
    indicator = cat.get("petitions.land")
    assert indicator is not None and indicator.compute is not None and indicator.whole == "petitions.received"
    figures = figures_for_period(period)
    for unit in (units.commune_a, units.province, units.nation):
        assert figures.value("petitions.land", unit.pk) == 1
        assert figures.value("petitions.received", unit.pk) == 3
    records, total = selectors.drill_records(indicator, period, units.province)
    assert total == 1 and records[0].field_id == land.pk


def _commitment(
    units: Units, owner: Any, *, made_days_ago: int, due_in: int, state: str = "open"
) -> Commitment:
    today = clock.today()
    made = today - dt.timedelta(days=made_days_ago)
    dialogue = Dialogue.objects.create(
        unit=units.commune_a, title="Đối thoại", host_role="commune_chairman", host_name="Chủ tịch",
        host_is_head=True, starts_at=clock.start_of_day(made) + dt.timedelta(hours=8), state="held", held_on=made,
    )  # fmt: skip
    return Commitment.objects.create(
        dialogue=dialogue, unit=units.commune_a, content="Sửa đường", owner=owner, made_on=made,
        due_date=today + dt.timedelta(days=due_in), state=state,
    )  # fmt: skip


def test_overdue_commitments_are_the_same_on_the_desk_card_the_dashboard_and_the_coverage_page(
    units: Units, alice: Any, dave: Any
) -> None:
    period = _running_period()
    _commitment(units, alice, made_days_ago=30, due_in=-5)  # overdue
    _commitment(units, alice, made_days_ago=30, due_in=10)  # due before the period ends: not yet
    _commitment(units, alice, made_days_ago=100, due_in=-50)  # due before the period began, still open
    _commitment(units, alice, made_days_ago=30, due_in=-5, state="explained")  # explained: not overdue
    request = RequestFactory().get("/")
    request.user = dave  # the central supervisor
    card = cards.overdue_card(request)
    figures = figures_for_period(period)
    coverage = engagement_selectors.coverage(units.nation, period.start, period.end)
    indicator = cat.get("engagement.commitments_overdue")
    assert indicator is not None
    _records, drilled = selectors.drill_records(indicator, period, units.nation)
    listed = engagement_selectors.commitments(scope_for(dave), overdue_only=True).count()
    assert card["overdue_count"] == 2
    assert figures.value("engagement.commitments_overdue", units.nation.pk) == 2
    assert coverage.overdue_commitments == 2
    assert drilled == 2 and listed == 2
