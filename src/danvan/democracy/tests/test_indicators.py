"""The democracy indicators: computed from the records (counts and grouped queries), rolled up, in reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core import clock
from danvan.democracy import services
from danvan.democracy.tests.conftest import pdf, png
from danvan.reporting import counts
from danvan.reporting.models import Period
from danvan.reporting.registry import get_indicator
from danvan.reporting.rollup import figures_for_period, value_of

pytestmark = pytest.mark.django_db


def _figures(compute: Any, start: dt.date, end: dt.date) -> set[tuple[int, float, float]]:
    return {(f.unit_id, float(f.numerator), float(f.denominator)) for f in compute(start, end) if f.numerator}


def test_the_democracy_indicators_are_computed_rolled_up_and_equal_their_recount(
    root: Any, village: Any, units: Any
) -> None:
    today = clock.today()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    c = services.create_consultation(
        actor=root, unit=units.commune_a, title="Dự thảo", matter="other", summary="Nội dung", parts=[]
    )
    c = services.open_consultation(
        actor=root, consultation=c, opens_on=today, closes_on=today, channels=["web"]
    )
    a = services.submit_comment(consultation=c, content="Một")
    services.submit_comment(consultation=c, content="Hai")
    services.respond(actor=root, consultation=c, comment_id=a.pk, disposition="accepted", response="")
    for form in ("meeting", "meeting", "ballot"):
        d = services.create_decision(actor=root, village=village, matter="election", title="Bầu", form=form)
        services.record_result(
            actor=root, decision=d, held_on=today, attended=8, agree=7, disagree=1,
            voting_method="hands" if form == "meeting" else "", committee=["A", "B", "C"],
        )  # fmt: skip
    services.create_decision(actor=root, village=village, matter="election", title="Chưa họp", form="meeting")
    period = Period.objects.create(kind="annual", name=f"Năm {today.year}", start=start, end=end)
    figures = figures_for_period(period, live=True)
    province = units.province.pk

    def value(code: str, unit_id: int) -> float | None:
        return value_of(get_indicator(code), figures.totals[code].get(unit_id))  # type: ignore[arg-type]

    assert value("democracy.consultations_held", province) == 1
    assert value("democracy.opinions_answered", units.commune_a.pk) == 50.0
    assert value("democracy.decisions_meeting", province) == 2
    assert value("democracy.decisions_ballot", units.nation.pk) == 1
    assert value("democracy.decisions_online", province) in (None, 0)
    assert value("democracy.disclosure_compliant", units.nation.pk) == 0.0  # nobody disclosed anything yet
    assert counts.mismatches() == []
    for code in (
        "democracy.consultations_held", "democracy.decisions_meeting", "democracy.decisions_ballot",
        "democracy.opinions_answered", "democracy.recommendations_on_time",
    ):  # fmt: skip
        indicator = get_indicator(code)
        assert indicator is not None and indicator.compute and indicator.recount
        assert _figures(indicator.compute, start, end) == _figures(indicator.recount, start, end)


def test_a_commune_that_disclosed_everything_owed_in_a_quarter_is_compliant(root: Any, units: Any) -> None:
    from danvan.democracy.models import Disclosure, DisclosureItem
    from danvan.democracy.selectors import compliant_communes, required_in_period

    today = clock.today()
    start = today - dt.timedelta(days=89)  # a quarter: only the quarterly budget report is owed
    owed = {i.code: required_in_period(i.per_year, start, today) for i in DisclosureItem.objects.all()}
    assert owed["budget_execution"] == 0 or owed["budget_execution"] == 1
    assert compliant_communes(start, today)[units.commune_a.pk] == (owed["budget_execution"] == 0)
    d = services.create_disclosure(
        actor=root, unit=units.commune_a, item_code="budget_execution", title="Thực hiện dự toán quý",
        issued_on=today, documents=[pdf()],
    )  # fmt: skip
    services.publish(
        actor=root, disclosure=d, posted_on=today, channels=["notice_board", "web"], evidence=[png()]
    )
    assert compliant_communes(start, today)[units.commune_a.pk] is True
    assert compliant_communes(start, today)[units.commune_b.pk] == (owed["budget_execution"] == 0)
    indicator = get_indicator("democracy.disclosure_compliant")
    assert indicator is not None and indicator.compute and indicator.recount
    for first in (start, dt.date(today.year, 1, 1), today - dt.timedelta(days=400)):
        ours = sorted(indicator.compute(first, today))
        assert ours == sorted(indicator.recount(first, today))
        assert (units.commune_a.pk, 1.0, 1.0) in ours or first != start
    assert counts.mismatches() == []
    Disclosure.objects.filter(pk=d.pk).update(is_late=True)  # a write that bypasses the services
    assert counts.mismatches() == []
    assert (units.commune_a.pk, 0.0, 1.0) in indicator.compute(start, today)
    assert sorted(indicator.compute(start, today)) == sorted(indicator.recount(start, today))
