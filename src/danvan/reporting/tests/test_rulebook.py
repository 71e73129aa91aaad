"""Generated: every reporting action × role × unit level; the page and the service agree with the rulebook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.rulebook_testing import Case, Matrix
from danvan.core import clock
from danvan.reporting import services
from danvan.reporting.models import Conference, Period, Report, Task
from danvan.reporting.rulebook import RULEBOOK
from danvan.reporting.workflow import REPORT, TASK, WORKFLOWS

SECTIONS = {"results": "Kết quả", "limitations": "Hạn chế", "lessons": "Bài học", "next_tasks": "Nhiệm vụ"}


@dataclass
class Context:
    units: Any
    root: Any
    period: Period


def _make_report(action: str, ctx: Context) -> Report:
    report = services.start_report(actor=ctx.root, unit=ctx.units.commune_a, period=ctx.period)
    report = services.update_report(actor=ctx.root, report=report, version=report.version, **SECTIONS)
    if action in ("accept", "return_report"):
        report = services.submit_report(actor=ctx.root, report=report)
    return Report.objects.get(pk=report.pk)


def _post_report(r: Report, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    data: dict[str, Any] = {"version": r.version}
    if action == "edit":
        data.update(
            {
                "title": r.title,
                "body_kind": r.body_kind,
                "issuing_body": r.issuing_body,
                **SECTIONS,
                "then": "save",
            }
        )
    elif action == "return_report":
        data["comment"] = "Bổ sung số liệu."
    return f"/reporting/reports/{r.pk}/act/{action}/", data


REPORT_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=REPORT,
    make=_make_report,
    page=lambda r: f"/reporting/reports/{r.pk}/",
    post=_post_report,
    # `compile` is the upper level's own report, made from the list page (tested in test_reports)
    actions=["edit", "submit", "accept", "return_report"],
)


@pytest.fixture
def period(db: None) -> Period:
    today = clock.today()
    return Period.objects.create(
        kind="annual",
        name=f"Năm {today.year}",
        start=dt.date(today.year, 1, 1),
        end=dt.date(today.year, 12, 31),
    )


@pytest.mark.parametrize("case", REPORT_MATRIX.cases(), ids=str)
def test_a_report_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any, period: Period
) -> None:
    REPORT_MATRIX.check(case, Context(units, root, period))


def _make_task(action: str, ctx: Context) -> Task:
    conference = Conference.objects.create(
        unit=ctx.units.province, kind="so_ket", title="Sơ kết", held_on=clock.today(), chairs=[{"name": "A"}]
    )
    [task] = services.assign_tasks(
        actor=ctx.root,
        conference=conference,
        title="Rà soát đơn tồn",
        due_on=clock.today() + dt.timedelta(days=30),
        units=[ctx.units.commune_a],
    )
    return task


def _post_task(t: Task, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    return f"/reporting/tasks/{t.pk}/done/", {"done_on": clock.today().strftime("%d/%m/%Y"), "result": "Xong"}


TASK_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=TASK,
    make=_make_task,
    page=lambda t: "/reporting/tasks/",
    post=_post_task,
)


@pytest.mark.parametrize("case", TASK_MATRIX.cases(), ids=str)
def test_a_task_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any, period: Period
) -> None:
    TASK_MATRIX.check(case, Context(units, root, period))


def test_every_workflow_action_of_the_module_has_a_rule() -> None:
    actions = {a.name for w in WORKFLOWS for a in w.actions.values() if not a.public}
    assert actions <= set(RULEBOOK.by_action)
