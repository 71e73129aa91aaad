"""Generated: every petition action × role × unit level; the page and the service agree with the rulebook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command

from danvan.accounts.management.commands.rulebook import DEFAULT, rendered
from danvan.accounts.rulebook_testing import Case, Matrix
from danvan.conftest import make_user
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.rulebook import RULEBOOK
from danvan.petitions.tests.conftest import petition_data
from danvan.petitions.workflow import WORKFLOW


@dataclass
class Context:
    units: Any
    root: Any


def _make(action: str, ctx: Context) -> Petition:
    data = petition_data(ctx.units)
    if action == "extend":  # a denunciation may be extended
        data.update(kind="denunciation", accused="Ông Trần Văn Kế", accused_act="Nhận tiền", field="dat_dai")
    p = services.submit_petition(actor=None, channel="web", data=data)
    steps = {
        "start": [services.accept],
        "extend": [services.accept],
        "resolve": [services.accept, services.start],
        "close": [services.accept, services.start, "resolve"],
    }
    for step in steps.get(action, []):
        if step == "resolve":
            p = services.resolve(actor=ctx.root, petition=p, answer="Đã giải quyết xong.")
        else:
            p = step(actor=ctx.root, petition=p)
    return p


def _post(p: Petition, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    data: dict[str, Any] = {
        "version": p.version,
        "reason": "Theo quy định.",
        "confirm": "on",
        "answer_public": "on",
    }
    if action == "transfer":
        data["to_unit"] = ctx.units.commune_b.code
    elif action == "resolve":
        data["answer"] = "Đã sửa xong đoạn đường."
    elif action == "message":
        data["body"] = "Xin bổ sung bản chụp giấy tờ liên quan."
    elif action == "classify":
        data["field"] = "dat_dai"
    elif action == "assign":
        data["handler"] = make_user(f"handler-{p.pk}", ctx.units.commune_a, "officer").pk
    elif action == "link_duplicate":
        master = services.submit_petition(actor=None, channel="web", data=petition_data(ctx.units))
        data["master_code"] = master.tracking_code
    return f"/petitions/{p.pk}/{action}/", data


MATRIX = Matrix(
    rulebook=RULEBOOK, workflow=WORKFLOW, make=_make, page=lambda p: f"/petitions/{p.pk}/", post=_post
)


@pytest.mark.parametrize("case", MATRIX.cases(), ids=str)
def test_a_petition_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any, asynchronous: None
) -> None:
    MATRIX.check(case, Context(units, root))


def test_every_officer_action_of_the_petition_workflow_has_a_rule() -> None:
    officer_actions = {a.name for a in WORKFLOW.actions.values() if not a.public}
    assert officer_actions == set(RULEBOOK.by_action)


def test_the_committed_permissions_table_is_up_to_date() -> None:
    assert DEFAULT.read_text(encoding="utf-8") == rendered(), (
        "run `danvan rulebook` and commit docs/PERMISSIONS.md"
    )
    call_command("rulebook", "--check")
