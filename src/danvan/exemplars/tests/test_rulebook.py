"""Generated: every exemplars action × role × unit level; the page and the service agree with the rulebook."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from danvan.accounts.rulebook_testing import Case, Matrix
from danvan.conftest import make_user
from danvan.core import clock
from danvan.exemplars import services
from danvan.exemplars.models import Contest, Exemplar
from danvan.exemplars.rulebook import RULEBOOK
from danvan.exemplars.tests.factories import council_member, photo, register
from danvan.exemplars.workflow import CONTEST, EXEMPLAR, WORKFLOWS


@dataclass
class Context:
    units: Any
    root: Any


def _make_exemplar(action: str, ctx: Context) -> Exemplar:
    exemplar = register(ctx.root, ctx.units.commune_a)
    if action in ("submit", "attach"):
        return exemplar
    exemplar = services.submit(actor=ctx.root, exemplar=exemplar)
    if action in ("return_to_draft", "open_evaluation"):
        return exemplar
    judge = council_member(ctx.units.commune_a)
    evaluation = services.open_evaluation(actor=ctx.root, exemplar=exemplar, judge_ids=[judge.pk])
    # full marks before a recognition, low marks before a refusal: the decision follows the council
    value = 2 if action == "refuse" else 10
    criteria = evaluation.criteria_set.criteria.all()
    services.score_exemplar(actor=judge, exemplar=exemplar, scores={c.pk: value for c in criteria})
    if action == "retire":
        services.recognise(
            actor=ctx.root,
            exemplar=exemplar,
            level="commune",
            decision_number="1/QĐ-UBND",
            decision_date=clock.today(),
        )
    return Exemplar.objects.get(pk=exemplar.pk)


def _post_exemplar(e: Exemplar, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    data: dict[str, Any] = {"version": e.version}
    if action in ("return_to_draft", "refuse", "retire"):
        data["reason"] = "Lý do ghi rõ ràng"
    elif action == "open_evaluation":
        data["judges"] = [council_member(ctx.units.commune_a).pk]
    elif action == "recognise":
        data.update(
            {
                "level": "commune",
                "decision_number": "2/QĐ-UBND",
                "decision_date": clock.today().strftime("%d/%m/%Y"),
            }
        )
    elif action == "attach":
        data["photos"] = [photo()]
    return f"/exemplars/registry/{e.pk}/act/{action}/", data


EXEMPLAR_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=EXEMPLAR,
    make=_make_exemplar,
    page=lambda e: f"/exemplars/registry/{e.pk}/",
    post=_post_exemplar,
    # `edit` has its own page (the registration form), `score` is the council's (tested in test_regulations)
    actions=["submit", "attach", "return_to_draft", "open_evaluation", "recognise", "refuse", "retire"],
)


@pytest.mark.parametrize("case", EXEMPLAR_MATRIX.cases(), ids=str)
def test_an_exemplar_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    EXEMPLAR_MATRIX.check(case, Context(units, root))


def _make_contest(action: str, ctx: Context) -> Contest:
    contest = services.create_contest(
        actor=ctx.root,
        unit=ctx.units.commune_a,
        name="Hội thi Dân vận khéo của xã",
        year=clock.today().year,
        criteria=[services.CriterionInput("Nội dung", Decimal(10))],
        rounds=["Vòng chung kết"],
    )
    make_user("giam-khao", ctx.units.commune_a, "officer")
    if action == "publish_contest":
        judge = council_member(ctx.units.commune_a)
        services.add_contest_judge(actor=ctx.root, contest=contest, user=judge)
        round_ = contest.rounds.get()
        entry = services.add_contest_entry(
            actor=ctx.root, round=round_, unit=ctx.units.commune_a, title="Bài 1"
        )
        services.score_contest_entry(
            actor=judge, entry=entry, scores={c.pk: 8 for c in contest.criteria.all()}
        )
    return Contest.objects.get(pk=contest.pk)


def _post_contest(c: Contest, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    from danvan.accounts.models import User

    data: dict[str, Any] = {}
    if action == "add_judge":
        data["user"] = User.objects.get(username="giam-khao").pk
    elif action == "add_entry":
        data.update({"round": c.rounds.get().pk, "unit": ctx.units.commune_a.code, "title": "Bài dự thi 2"})
    return f"/exemplars/contests/{c.pk}/act/{action}/", data


CONTEST_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=CONTEST,
    make=_make_contest,
    page=lambda c: f"/exemplars/contests/{c.pk}/",
    post=_post_contest,
    actions=["add_judge", "add_entry", "publish_contest"],
)


@pytest.mark.parametrize("case", CONTEST_MATRIX.cases(), ids=str)
def test_a_contest_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    CONTEST_MATRIX.check(case, Context(units, root))


def test_every_workflow_action_of_the_module_has_a_rule() -> None:
    actions = {a.name for w in WORKFLOWS for a in w.actions.values() if not a.public}
    assert actions <= set(RULEBOOK.by_action)
