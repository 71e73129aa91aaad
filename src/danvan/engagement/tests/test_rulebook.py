"""Generated: every engagement action × role × unit level; the page and the service agree with the rulebook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.picker import person_label
from danvan.accounts.rulebook_testing import Case, Matrix
from danvan.conftest import make_user
from danvan.core import clock
from danvan.engagement import services
from danvan.engagement.models import Commitment, Dialogue
from danvan.engagement.rulebook import RULEBOOK
from danvan.engagement.workflow import COMMITMENT, DIALOGUE, WORKFLOWS

from .helpers import announced, held, planned


@dataclass
class Context:
    units: Any
    root: Any


PAST = 2  # the dialogues to hold or act on started two days ago


def _held_with_question(ctx: Context) -> Dialogue:
    day = clock.today() - dt.timedelta(days=PAST)
    dialogue = announced(ctx.root, ctx.units.commune_a, day)
    services.submit_question(
        actor=None,
        dialogue=dialogue,
        text="Đường thôn 3 bao giờ sửa ạ?",
        name="Lò Văn Dân",
        contact="0912345678",
    )
    return services.hold_dialogue(actor=ctx.root, dialogue=dialogue, held_on=day, participants_count=50)


def _make_dialogue(action: str, ctx: Context) -> Dialogue:
    if action in ("announce", "edit", "cancel"):
        return planned(ctx.root, ctx.units.commune_a, clock.today() + dt.timedelta(days=10))
    if action == "hold":
        return announced(ctx.root, ctx.units.commune_a, clock.today() - dt.timedelta(days=PAST))
    if action == "publish":
        return held(ctx.root, ctx.units.commune_a, clock.today() - dt.timedelta(days=PAST))
    make_user("owner-a", ctx.units.commune_a, "officer")
    return Dialogue.objects.get(pk=_held_with_question(ctx).pk)


def _post_dialogue(d: Dialogue, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    url = f"/engagement/dialogues/{d.pk}/{action}/"
    data: dict[str, Any] = {"version": d.version}
    question = d.questions.first()
    if action == "edit":
        data.update(
            {
                "title": d.title,
                "host_role": d.host_role,
                "host_name": d.host_name,
                "host_is_head": "on",
                "starts_at": clock.local(d.starts_at).strftime("%d/%m/%Y %H:%M"),
                "place": "Nhà văn hóa thôn 2",
                "form": d.form,
                "content": d.content,
            }
        )
    elif action == "hold":
        data.update(
            {"held_on": services.local_start_date(d).strftime("%d/%m/%Y"), "participants_count": "40"}
        )
    elif action == "publish":
        data["results_summary"] = "Đã trả lời các ý kiến."
    elif action == "cancel":
        data["reason"] = "Trùng lịch kỳ họp"
    elif action == "add_question":
        data["text"] = "Xin hỏi về nước sạch thôn 5?"
    elif action == "answer":
        data.update({"question_id": question.pk, "answer": "Quý I năm sau sẽ sửa."})
    elif action == "question_to_petition":
        data.update({"question_id": question.pk, "kind": "proposal"})
    elif action == "commit":
        from danvan.accounts.models import User

        data.update(
            {
                "content": "Sửa đường thôn 3",
                "owner": person_label(User.objects.get(username="owner-a")),
                "due_date": (clock.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
            }
        )
    return url, data


DIALOGUE_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=DIALOGUE,
    make=_make_dialogue,
    page=lambda d: f"/engagement/dialogues/{d.pk}/",
    post=_post_dialogue,
)


@pytest.mark.parametrize("case", DIALOGUE_MATRIX.cases(), ids=str)
def test_a_dialogue_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    DIALOGUE_MATRIX.check(case, Context(units, root))


def _make_commitment(action: str, ctx: Context) -> Commitment:
    dialogue = held(ctx.root, ctx.units.commune_a, clock.today() - dt.timedelta(days=PAST))
    owner = make_user("owner-a", ctx.units.commune_a, "officer")
    return services.create_commitment(
        actor=ctx.root,
        dialogue=dialogue,
        content="Nạo vét kênh",
        owner=owner,
        due_date=clock.today() + dt.timedelta(days=30),
    )


def _post_commitment(c: Commitment, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    data: dict[str, Any] = {f"{action}-version": c.version}
    if action == "complete":
        data[f"{action}-done_on"] = clock.today().strftime("%d/%m/%Y")
    elif action == "explain":
        data[f"{action}-note"] = "Chưa bố trí được kinh phí."
    return f"/engagement/commitments/{c.pk}/{action}/", data


COMMITMENT_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=COMMITMENT,
    make=_make_commitment,
    page=lambda c: f"/engagement/commitments/{c.pk}/",
    post=_post_commitment,
)


@pytest.mark.parametrize("case", COMMITMENT_MATRIX.cases(), ids=str)
def test_a_commitment_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    COMMITMENT_MATRIX.check(case, Context(units, root))


def test_every_workflow_action_of_the_module_has_a_rule() -> None:
    actions = {a.name for w in WORKFLOWS for a in w.actions.values() if not a.public}
    assert actions <= set(RULEBOOK.by_action)
