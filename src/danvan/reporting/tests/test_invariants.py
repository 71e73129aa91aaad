"""Invariants of every indicator in the catalogue, as properties over generated records (issue #15).

The indicators are enumerated from the catalogue, so a new indicator is covered without a new test. For
generated petitions, dialogues, commitments, tasks, exemplars and replications (dates around today and a
year back, at any hour of the Vietnamese day) and a generated period (past or still running):

- the count tables give the same leaf figures as the recount straight from the records;
- a part never exceeds its whole (`Indicator.whole`), a ratio's numerator never its denominator, and every
  value lies within the indicator's bounds;
- children add up to their parent (sums and both terms of a ratio), and a ratio's value is recomputed from
  the summed numerator and denominator, never averaged;
- the drill-down lists exactly the records the figure counts (`Indicator.drill_measure`).

Runs on SQLite and PostgreSQL (DANVAN_DATABASE_URL). Examples stay few and small so the test takes seconds;
DANVAN_INVARIANT_EXAMPLES raises the number of examples.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.conftest import Units
from danvan.core import clock
from danvan.engagement.models import Commitment, Dialogue
from danvan.exemplars.models import Exemplar, Replication
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field, Petition
from danvan.petitions.services import PastStep
from danvan.petitions.tests.conftest import petition_data
from danvan.reporting import catalogue as cat
from danvan.reporting import figures as fig
from danvan.reporting.models import Conference, ManualFigure, Period, Task
from danvan.reporting.registry import Indicator
from danvan.reporting.rollup import FigureSet, figures_for_period, value_of

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("DANVAN_INVARIANT_EXAMPLES", "8"))
UNITS = ("commune_a", "commune_b", "commune_c", "province", "other_province")

petitions = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(UNITS),
            "kind": st.sampled_from(["feedback", "proposal", "complaint", "denunciation"]),
            "land": st.booleans(),
            "received": st.integers(-420, 0),
            "hour": st.integers(0, 23),  # Vietnamese hour: 00:00-06:59 is the previous day in UTC
            "state": st.sampled_from(
                ["received", "transferred", "accepted", "in_progress", "resolved", "closed", "refused"]
            ),
            "due": st.integers(-30, 60),  # days after receipt
            "took": st.integers(0, 400),  # days to resolve (a petition resolved the next year)
            "on_time": st.booleans(),
            # a step before the current one, at another unit (a transfer) `moved` days after receipt
            "moved": st.one_of(st.none(), st.integers(1, 90)),
            "prior_unit": st.sampled_from(UNITS),
            "prior_due": st.integers(-10, 60),  # that step's deadline, days after receipt
        }
    ),
    max_size=6,
)
engagements = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(UNITS),
            "held": st.integers(-420, 0),
            "head": st.booleans(),
            "questions": st.integers(0, 4),
            "on_spot": st.integers(0, 4),
            "due": st.integers(0, 120),
            "state": st.sampled_from(["open", "in_progress", "done", "explained"]),
            "took": st.integers(0, 150),
            "task_due": st.integers(-420, 60),
            "task_done": st.one_of(st.none(), st.integers(-420, 0)),
        }
    ),
    max_size=4,
)
exemplars = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(UNITS),
            "registered": st.integers(-420, 0),
            "recognised": st.one_of(st.none(), st.integers(0, 200)),
            "retired": st.one_of(st.none(), st.integers(0, 300)),
            "replicated": st.one_of(st.none(), st.integers(0, 300)),
        }
    ),
    max_size=3,
)
manual = st.lists(st.tuples(st.sampled_from(UNITS), st.integers(0, 50), st.integers(1, 50)), max_size=4)
periods = st.tuples(st.integers(-450, 0), st.integers(0, 420))  # start (days from today), length


def _past(day: dt.date) -> dt.date:
    return min(day, clock.today())


def _build(units: Units, actor: Any, prototype: Petition, data: dict[str, Any]) -> Period:
    today = clock.today()
    land = Field.objects.get(code="dat_dai")
    other = Field.objects.exclude(code="dat_dai").first()
    for i, p in enumerate(data["petitions"]):
        received_day = today + dt.timedelta(days=p["received"])
        received = clock.start_of_day(received_day) + dt.timedelta(hours=p["hour"], minutes=30)
        finished = p["state"] in ("resolved", "closed")
        resolved_day = _past(received_day + dt.timedelta(days=p["took"]))
        row = Petition.objects.get(pk=prototype.pk)
        row.pk = None
        row.tracking_code = f"DV-TEST-{i:04d}-{p['received'] % 10000:04d}"
        row.public_id = None  # unique: a copy gets none
        row.unit = getattr(units, p["unit"])
        row.kind = p["kind"]
        row.field = land if p["land"] else other
        row.received_at = received
        row.state = p["state"]
        row.due_date = (
            None if finished or p["state"] == "refused" else received_day + dt.timedelta(days=p["due"])
        )
        row.resolved_at = (
            clock.start_of_day(resolved_day) + dt.timedelta(hours=p["hour"]) if finished else None
        )
        row.resolved_on_time = p["on_time"] if finished else None
        row.save()
        prior_due = received_day + dt.timedelta(days=p.get("prior_due", p["due"]))
        prior_unit = getattr(units, p.get("prior_unit", p["unit"])).pk
        if p["state"] in ("resolved", "closed", "refused"):  # open from receipt to the day it was finished
            ended = resolved_day if finished else _past(received_day + dt.timedelta(days=p["took"] % 30))
            petition_services.reset_steps(row, past=[PastStep(prior_unit, received_day, ended, prior_due)])
        elif p.get("moved") is not None:  # transferred here from another unit, where it may have been overdue
            moved = _past(received_day + dt.timedelta(days=p["moved"]))
            petition_services.reset_steps(
                row,
                started_on=moved,
                past=[PastStep(prior_unit, received_day, moved, prior_due)],
            )
    conference = Conference.objects.create(unit=units.province, kind="so_ket", title="Sơ kết", held_on=today)
    for e in data["engagements"]:
        unit = getattr(units, e["unit"])
        held = today + dt.timedelta(days=e["held"])
        dialogue = Dialogue.objects.create(
            unit=unit, title="Đối thoại", host_role="commune_chairman", host_name="Chủ tịch", host_is_head=e["head"],
            starts_at=clock.start_of_day(held) + dt.timedelta(hours=8), state="held", held_on=held,
            questions_count=e["questions"], answered_on_spot_count=min(e["on_spot"], e["questions"]),
        )  # fmt: skip
        done = _past(held + dt.timedelta(days=e["took"])) if e["state"] == "done" else None
        Commitment.objects.create(
            dialogue=dialogue, unit=unit, content="Sửa đường", owner=actor, made_on=held,
            due_date=held + dt.timedelta(days=e["due"]), state=e["state"], done_on=done,
        )  # fmt: skip
        task_done = today + dt.timedelta(days=e["task_done"]) if e["task_done"] is not None else None
        Task.objects.create(
            conference=conference, unit=unit, title="Nhiệm vụ", due_on=today + dt.timedelta(days=e["task_due"]),
            status="done" if task_done else "open", done_on=task_done,
        )  # fmt: skip
    for x in data["exemplars"]:
        registered = today + dt.timedelta(days=x["registered"])
        recognised = (
            _past(registered + dt.timedelta(days=x["recognised"])) if x["recognised"] is not None else None
        )
        exemplar = Exemplar.objects.create(
            unit=getattr(units, x["unit"]), name="Mô hình", place="Thôn 1", field="kinh_te",
            period_start=registered, year=registered.year, problem="Vấn đề", mobilisation="Vận động",
            registered_on=registered, decision_number="12/QĐ" if recognised else "", decision_date=recognised,
            retired_on=_past(registered + dt.timedelta(days=x["retired"])) if x["retired"] is not None else None,
        )  # fmt: skip
        if x["replicated"] is not None:
            Replication.objects.create(
                exemplar=exemplar,
                unit=units.commune_b,
                adopted_on=_past(registered + dt.timedelta(days=x["replicated"])),
            )
    start = today + dt.timedelta(days=data["period"][0])
    period = Period.objects.create(
        kind="annual", name="Kỳ thử", start=start, end=start + dt.timedelta(days=data["period"][1])
    )
    for indicator in cat.catalogue():
        if indicator.compute is None:
            for unit_name, num, den in data["manual"]:
                ManualFigure.objects.update_or_create(
                    indicator_code=indicator.code, unit=getattr(units, unit_name), period=period,
                    defaults={"numerator": float(min(num, den) if indicator.aggregation == "ratio" else num),
                              "denominator": float(den if indicator.aggregation == "ratio" else 1)},
                )  # fmt: skip
    return period


def _leaf_pairs(
    indicator: Indicator, period: Period, *, recount: bool = False
) -> dict[int, tuple[float, float]]:
    if indicator.compute is None:
        rows = ManualFigure.objects.filter(period=period, indicator_code=indicator.code)
        leaves = [(r.unit_id, r.numerator, r.denominator) for r in rows]
    else:
        got = (
            fig.recount(indicator, period.start, period.end)
            if recount
            else fig.leaves(indicator, period.start, period.end)
        )
        leaves = [(f.unit_id, float(f.numerator), float(f.denominator)) for f in got or []]
    out: dict[int, tuple[float, float]] = {}
    for uid, n, d in leaves:
        if indicator.aggregation in ("sum", "ratio"):
            a, b = out.get(uid, (0.0, 0.0))
            out[uid] = (a + n, b + d)
        else:
            out[uid] = (n, d)
    drop = (0.0, 1.0) if indicator.aggregation != "ratio" else (0.0, 0.0)
    return {u: p for u, p in out.items() if p != drop and not (indicator.aggregation == "sum" and p[0] == 0)}


def _check(indicator: Indicator, figures: FigureSet, period: Period, units: Units) -> None:
    code = indicator.code
    index = figures.index
    tree = [
        units.nation,
        units.province,
        units.other_province,
        units.commune_a,
        units.commune_b,
        units.commune_c,
    ]
    own = _leaf_pairs(indicator, period)
    # the count tables and the recount from the records agree, leaf by leaf
    if indicator.recount is not None:
        assert own == _leaf_pairs(indicator, period, recount=True), code
    for unit in tree:
        pair = figures.pair(code, unit.pk)
        value = figures.value(code, unit.pk)
        # bounds; a ratio's numerator never exceeds its denominator
        if value is not None:
            if indicator.min_value is not None:
                assert value >= indicator.min_value, (code, unit.name, value)
            if indicator.max_value is not None:
                assert value <= indicator.max_value, (code, unit.name, value)
        if indicator.aggregation == "ratio" and pair is not None:
            assert pair[0] <= pair[1], (code, unit.name, pair)
            # recomputed from the summed terms, never averaged
            assert value == (round(pair[0] / pair[1] * 100, 2) if pair[1] else None), code
        # children add up to their parent (sums and both terms of a ratio)
        if indicator.aggregation in ("sum", "ratio"):
            parts = [figures.pair(code, c) or (0.0, 0.0) for c in index.children.get(unit.pk, [])]
            mine = own.get(unit.pk, (0.0, 0.0))
            total = pair or (0.0, 0.0)
            assert sum(p[0] for p in parts) + mine[0] == pytest.approx(total[0]), (code, unit.name)
            if indicator.aggregation == "ratio":
                assert sum(p[1] for p in parts) + mine[1] == pytest.approx(total[1]), (code, unit.name)
        # a part never exceeds its whole
        if indicator.whole is not None:
            whole = figures.indicator(indicator.whole)
            assert whole is not None, f"{code}: whole {indicator.whole} is not in the catalogue"
            assert (value or 0) <= (figures.value(indicator.whole, unit.pk) or 0), (code, unit.name)
        # the drill-down lists exactly the records counted
        if indicator.compute is not None and indicator.drilldown is not None and indicator.drill_measure:
            records = list(fig.records(indicator, unit.path, period.start, period.end))
            measure = indicator.drill_measure
            n, d = pair or (0.0, 1.0 if indicator.aggregation != "ratio" else 0.0)
            if measure == "value":
                assert len(records) == (value or 0), (code, unit.name)
            elif measure == "numerator":
                assert len(records) == n, (code, unit.name)
            elif measure == "denominator":
                assert len(records) == d, (code, unit.name)
            elif measure == "units":
                assert len({r.unit_id for r in records}) == n, (code, unit.name)
            elif measure.startswith("sum:"):
                assert sum(getattr(r, measure[4:]) for r in records) == d, (code, unit.name)
            else:
                raise AssertionError(f"{code}: unknown drill measure {measure!r}")
        # what the screens show is the figure's value (value_of over the same pair)
        assert value == value_of(indicator, pair), code


def test_every_indicator_of_the_catalogue_keeps_its_invariants_over_generated_records(
    units: Units, alice: Any
) -> None:
    prototype = petition_services.submit_petition(actor=None, channel="web", data=petition_data(units))
    Petition.objects.filter(pk=prototype.pk).delete()  # a template row only: its values are copied
    prototype.pk = None

    def saved() -> Petition:
        prototype.save()
        return prototype

    template = saved()
    Petition.objects.filter(pk=template.pk).update(state="refused", due_date=None, received_at=clock.now())
    assert cat.catalogue(), "the catalogue is empty"
    checked: set[str] = set()

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(data=st.fixed_dictionaries(
        {"petitions": petitions, "engagements": engagements, "exemplars": exemplars, "manual": manual,
         "period": periods}
    ))  # fmt: skip
    def run(data: dict[str, Any]) -> None:
        with transaction.atomic():
            period = _build(units, alice, template, data)
            figures = figures_for_period(period, live=True)
            for indicator in figures.indicators:
                _check(indicator, figures, period, units)
                checked.add(indicator.code)
            transaction.set_rollback(True)

    run()
    assert checked == {i.code for i in cat.catalogue()}


def test_every_indicator_gives_one_number_on_the_dashboard_the_report_its_docx_and_xlsx_and_the_api(
    units: Units, alice: Any
) -> None:
    """For one set of records crossing the boundaries, every indicator of the catalogue shows the same
    number for the same (unit, period, as-of day) wherever it is read."""
    import io

    from django.contrib.auth import get_user_model
    from docx import Document
    from openpyxl import load_workbook

    from danvan.accounts.models import RoleAssignment
    from danvan.conftest import client_for
    from danvan.core.numbers import format_number
    from danvan.reporting import exports, selectors, services

    template = petition_services.submit_petition(actor=None, channel="web", data=petition_data(units))
    data = {
        "petitions": [
            {"unit": "commune_a", "kind": "complaint", "land": True, "received": -40, "hour": 1, "state": "accepted",
             "due": 10, "took": 0, "on_time": False},
            {"unit": "commune_b", "kind": "feedback", "land": False, "received": -380, "hour": 23,
             "state": "resolved", "due": 0, "took": 370, "on_time": True},
            {"unit": "commune_c", "kind": "proposal", "land": True, "received": -10, "hour": 12,
             "state": "transferred", "due": 20, "took": 0, "on_time": False},
        ],
        "engagements": [
            {"unit": "commune_a", "held": -30, "head": True, "questions": 3, "on_spot": 2, "due": 5,
             "state": "open", "took": 0, "task_due": -3, "task_done": None},
            {"unit": "province", "held": -200, "head": True, "questions": 2, "on_spot": 2, "due": 30,
             "state": "done", "took": 40, "task_due": 10, "task_done": -1},
        ],
        "exemplars": [{"unit": "commune_b", "registered": -90, "recognised": 30, "retired": None, "replicated": 40}],
        "manual": [("commune_a", 4, 5)],
        "period": (-60, 120),
    }  # fmt: skip
    period = _build(units, alice, template, data)
    nation_officer = get_user_model().objects.create_user(username="nina", password="x")
    RoleAssignment.objects.create(user=nation_officer, unit=units.nation, role="officer")
    figures = figures_for_period(period)
    for unit, actor in ((units.province, None), (units.nation, nation_officer)):
        tables = selectors.build_tables(unit, period)
        dashboard = {r.code: r.value for r in selectors.dashboard(None, unit, period)["rows"]}  # type: ignore[arg-type]
        sheet = load_workbook(io.BytesIO(exports.xlsx(tables, "Thử")))["Chỉ tiêu"]
        in_xlsx = {row[0]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True)}
        viewer = actor or get_user_model().objects.create_user(username="pia", password="x")
        if actor is None:
            RoleAssignment.objects.create(user=viewer, unit=units.province, role="officer")
        report = services.start_report(actor=viewer, unit=unit, period=period)
        document = Document(io.BytesIO(exports.report_docx(report, selectors.report_tables(report))))
        table = next(
            t for t in document.tables if len(t.columns) == 6 and t.rows[0].cells[1].text == "Chỉ tiêu"
        )
        in_docx = {row.cells[1].text.strip(): row.cells[3].text.strip() for row in table.rows[1:]}
        api = client_for(viewer).get("/api/v1/figures", {"unit": unit.code, "period": period.pk}).json()
        in_api = {f["code"]: f["value"] for f in api["figures"]}
        for indicator in cat.catalogue():
            value = figures.value(indicator.code, unit.pk)
            row = next(r for r in tables["rows"] if r["code"] == indicator.code)
            shown = format_number(value, percent=indicator.unit == "%")
            assert row["value"] == value == dashboard[indicator.code] == in_api[indicator.code], (
                indicator.code
            )
            assert in_xlsx[indicator.code] == value, indicator.code
            assert in_docx[indicator.name] == shown, indicator.code
