"""Open and overdue at the end of a past day are exact (issue #15): each step a petition went through
(which unit held it open, against which deadline) is kept, so a petition overdue at the end of last month
and resolved since still counts as overdue in last month's figure, at the unit that held it then."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from danvan.core import clock
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionStep
from danvan.petitions.tests.conftest import petition_data
from danvan.reporting import catalogue as cat
from danvan.reporting import figures as fig

pytestmark = pytest.mark.django_db

VN = dt.timezone(dt.timedelta(hours=7))


def _at(day: dt.date, hour: int = 10) -> Any:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN), tick=False)


def _indicator(code: str) -> Any:
    indicator = cat.get(code)
    assert indicator is not None
    return indicator


def _figure(code: str, unit_id: int, day: dt.date) -> int:
    indicator = _indicator(code)
    leaves = {f.unit_id: f.numerator for f in fig.leaves(indicator, day - dt.timedelta(days=30), day)}
    recount = {f.unit_id: f.numerator for f in fig.recount(indicator, day - dt.timedelta(days=30), day) or []}
    assert leaves == recount, code
    return int(leaves.get(unit_id, 0))


def _drilled(code: str, unit: Any, day: dt.date) -> set[int]:
    records = fig.records(_indicator(code), unit.path, day - dt.timedelta(days=30), day)
    return {p.pk for p in records}


def test_a_petition_overdue_at_a_past_day_and_resolved_since_still_counts_overdue_on_that_day(units, alice):
    received = dt.date(2026, 3, 2)
    with _at(received):
        petition = services.submit_petition(actor=alice, channel="desk", data=petition_data(units))
        petition = services.accept(actor=alice, petition=petition)
    due = Petition.objects.get(pk=petition.pk).due_date
    assert due is not None
    with _at(due + dt.timedelta(days=10)):
        started = services.start(actor=alice, petition=Petition.objects.get(pk=petition.pk))
        services.resolve(actor=alice, petition=started, answer="Đã giải quyết.")
    with _at(due + dt.timedelta(days=60)):
        late = due + dt.timedelta(days=5)  # a past day: overdue then, resolved five days later
        assert _figure("petitions.overdue", units.commune_a.pk, late) == 1
        assert _figure("petitions.open", units.commune_a.pk, late) == 1
        assert _drilled("petitions.overdue", units.province, late) == {petition.pk}
        assert _figure("petitions.overdue", units.commune_a.pk, due) == 0  # not yet past its deadline
        after = due + dt.timedelta(days=11)
        assert _figure("petitions.overdue", units.commune_a.pk, after) == 0
        assert _figure("petitions.open", units.commune_a.pk, after) == 0
        assert _drilled("petitions.open", units.province, after) == set()


def test_a_transferred_petition_counts_at_the_unit_that_held_it_on_each_past_day(units, alice):
    received = dt.date(2026, 4, 1)
    with _at(received):
        petition = services.submit_petition(actor=alice, channel="desk", data=petition_data(units))
    first_due = Petition.objects.get(pk=petition.pk).due_date
    assert first_due is not None
    moved = first_due + dt.timedelta(days=4)
    with _at(moved):
        services.transfer(
            actor=alice,
            petition=Petition.objects.get(pk=petition.pk),
            to_unit=units.commune_b,
            reason="Thuộc thẩm quyền xã khác.",
        )
    step = PetitionStep.objects.get(petition=petition)
    assert (step.unit_id, step.started_on, step.ended_on, step.due_date) == (
        units.commune_a.pk,
        received,
        moved,
        first_due,
    )
    with _at(moved + dt.timedelta(days=90)):
        before = first_due + dt.timedelta(days=2)
        assert _figure("petitions.overdue", units.commune_a.pk, before) == 1
        assert _figure("petitions.overdue", units.commune_b.pk, before) == 0
        assert _drilled("petitions.overdue", units.commune_a, before) == {petition.pk}
        assert _drilled("petitions.overdue", units.commune_b, before) == set()
        assert _figure("petitions.open", units.commune_a.pk, moved) == 0
        assert _figure("petitions.open", units.commune_b.pk, moved) == 1
        today = clock.today()
        assert _figure("petitions.overdue", units.commune_b.pk, today) == 1  # its new deadline has passed too
