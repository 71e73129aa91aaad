"""Generated: every democracy action × role × unit level; the page and the service agree with the rulebook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.rulebook_testing import Case, Matrix
from danvan.core import clock
from danvan.democracy import services
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    Convention,
    Disclosure,
    Recommendation,
    WorkplaceMeeting,
)
from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.tests.conftest import pdf, png
from danvan.democracy.workflow import (
    CONSULTATION,
    CONVENTION,
    DECISION,
    DISCLOSURE,
    RECOMMENDATION,
    WORKFLOWS,
    WORKPLACE_MEETING,
)


@dataclass
class Context:
    units: Any
    root: Any


def _make_disclosure(action: str, ctx: Context) -> Disclosure:
    d = services.create_disclosure(
        actor=ctx.root,
        unit=ctx.units.commune_a,
        item_code="budget_estimate",
        title="Dự toán ngân sách",
        issued_on=clock.today(),
        documents=[pdf()],
    )
    if action == "end":
        d = services.publish(
            actor=ctx.root, disclosure=d, posted_on=clock.today(), channels=["web"], evidence=[png()]
        )
    return d


def _post_disclosure(d: Disclosure, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    today = clock.today().strftime("%d/%m/%Y")
    data: dict[str, Any] = {f"{action}-version": d.version}
    if action == "publish":
        data.update({"publish-posted_on": today, "publish-channels": ["web"], "publish-evidence": [png()]})
    elif action == "end":
        data["end-ended_on"] = today
    elif action == "attach":
        data["attach-uploads"] = [png()]
    return f"/democracy/cong-khai/{d.pk}/{action}/", data


DISCLOSURE_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=DISCLOSURE,
    make=_make_disclosure,
    page=lambda d: f"/democracy/cong-khai/{d.pk}/",
    post=_post_disclosure,
)


@pytest.mark.parametrize("case", DISCLOSURE_MATRIX.cases(), ids=str)
def test_a_disclosure_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    DISCLOSURE_MATRIX.check(case, Context(units, root))


def _make_consultation(action: str, ctx: Context) -> Consultation:
    c = services.create_consultation(
        actor=ctx.root,
        unit=ctx.units.commune_a,
        title="Dự thảo",
        matter="other",
        summary="Nội dung",
        parts=["Phần 1"],
    )
    if action == "open":
        return c
    c = services.open_consultation(
        actor=ctx.root, consultation=c, opens_on=clock.today(), closes_on=clock.today(), channels=["web"]
    )
    if action == "respond":
        services.submit_comment(consultation=c, content="Ý kiến")
    if action == "publish_answer":
        c = services.close_consultation(actor=ctx.root, consultation=c)
    return Consultation.objects.get(pk=c.pk)


def _post_consultation(c: Consultation, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    today = clock.today().strftime("%d/%m/%Y")
    prefix = {"record_comment": "comment", "publish_answer": "answer"}.get(action, action)
    data: dict[str, Any] = {f"{prefix}-version": c.version}
    if action == "open":
        data.update({"open-opens_on": today, "open-closes_on": today, "open-channels": ["web"]})
    elif action == "record_comment":
        data.update({"comment-channel": "meeting", "comment-content": "Ý kiến hội nghị"})
    elif action == "respond":
        comment = c.comments.get()
        data.update({"respond-comment_id": comment.pk, "respond-disposition": "accepted"})
    elif action == "publish_answer":
        data["answer-answer"] = "Báo cáo tiếp thu."
    return f"/democracy/lay-y-kien/{c.pk}/{action}/", data


CONSULTATION_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=CONSULTATION,
    make=_make_consultation,
    page=lambda c: f"/democracy/lay-y-kien/{c.pk}/",
    post=_post_consultation,
)


@pytest.mark.parametrize("case", CONSULTATION_MATRIX.cases(), ids=str)
def test_a_consultation_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    CONSULTATION_MATRIX.check(case, Context(units, root))


def _village(ctx: Context) -> Any:
    v = services.register_village(actor=ctx.root, unit=ctx.units.commune_a, code="T01", name="Thôn 1")
    for i in range(4):
        services.register_household(
            actor=ctx.root, unit=ctx.units.commune_a, village=v, code=f"H{i}", representative="A"
        )
    return v


def _make_decision(action: str, ctx: Context) -> CommunityDecision:
    d = services.create_decision(
        actor=ctx.root, village=_village(ctx), matter="contributions", title="Làm đường", form="meeting"
    )
    if action in ("send", "recognise"):
        d = services.record_result(
            actor=ctx.root,
            decision=d,
            held_on=clock.today(),
            attended=4,
            agree=3,
            disagree=1,
            voting_method="hands",
        )
    if action == "recognise":
        d = services.send_result(actor=ctx.root, decision=d)
    return CommunityDecision.objects.get(pk=d.pk)


def _post_decision(d: CommunityDecision, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    prefix = {"record_result": "result"}.get(action, action)
    data: dict[str, Any] = {f"{prefix}-version": d.version}
    if action == "record_result":
        data.update(
            {
                "result-held_on": clock.today().strftime("%d/%m/%Y"),
                "result-attended": 4,
                "result-agree": 3,
                "result-disagree": 1,
                "result-voting_method": "hands",
            }
        )
    elif action == "recognise":
        data["recognise-reference"] = "1/QĐ-UBND"
    return f"/democracy/quyet-dinh/{d.pk}/{action}/", data


DECISION_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=DECISION,
    make=_make_decision,
    page=lambda d: f"/democracy/quyet-dinh/{d.pk}/",
    post=_post_decision,
)


@pytest.mark.parametrize("case", DECISION_MATRIX.cases(), ids=str)
def test_a_decision_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    DECISION_MATRIX.check(case, Context(units, root))


def _make_convention(action: str, ctx: Context) -> Convention:
    village = _village(ctx)
    c = services.create_convention(actor=ctx.root, village=village, title="Hương ước", text="Điều 1.")
    if action in ("adopt", "recognise_convention"):
        c = services.post_convention(
            actor=ctx.root, convention=c, posted_on=clock.today() - dt.timedelta(days=40)
        )
        d = services.create_decision(
            actor=ctx.root, village=village, matter="convention", title="Hương ước", form="meeting"
        )
        d = services.record_result(
            actor=ctx.root,
            decision=d,
            held_on=clock.today(),
            attended=4,
            agree=3,
            disagree=1,
            voting_method="hands",
        )
        services.send_result(actor=ctx.root, decision=d)
    if action == "recognise_convention":
        c = services.adopt_convention(actor=ctx.root, convention=c, decision=CommunityDecision.objects.get())
    return Convention.objects.get(pk=c.pk)


def _post_convention(c: Convention, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    prefix = {"recognise_convention": "recognise"}.get(action, action)
    data: dict[str, Any] = {f"{prefix}-version": c.version}
    if action == "post":
        data["post-posted_on"] = clock.today().strftime("%d/%m/%Y")
    elif action == "adopt":
        data["adopt-decision"] = CommunityDecision.objects.get().pk
    elif action == "recognise_convention":
        data["recognise-reference"] = "2/QĐ-UBND"
    return f"/democracy/huong-uoc/{c.pk}/{action}/", data


CONVENTION_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=CONVENTION,
    make=_make_convention,
    page=lambda c: f"/democracy/huong-uoc/{c.pk}/",
    post=_post_convention,
)


@pytest.mark.parametrize("case", CONVENTION_MATRIX.cases(), ids=str)
def test_a_convention_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    CONVENTION_MATRIX.check(case, Context(units, root))


def _make_recommendation(action: str, ctx: Context) -> Recommendation:
    board = services.elect_board(
        actor=ctx.root, unit=ctx.units.commune_a, kind="investment", project="Đường", elected_on=clock.today(),
        election_note="Hội nghị", members=[("A", "head")],
    )  # fmt: skip
    r = services.create_recommendation(actor=ctx.root, board=board, finding="X", text="Y")
    if action in ("send_recommendation", "record_reply"):
        r = services.confirm(actor=ctx.root, recommendation=r, confirmed_on=clock.today())
    if action == "record_reply":
        r = services.send_recommendation(
            actor=ctx.root, recommendation=r, recipient="UBND", sent_on=clock.today()
        )
    return Recommendation.objects.get(pk=r.pk)


def _post_recommendation(r: Recommendation, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    today = clock.today().strftime("%d/%m/%Y")
    prefix = {"send_recommendation": "send", "record_reply": "reply"}.get(action, action)
    data: dict[str, Any] = {f"{prefix}-version": r.version}
    if action == "confirm":
        data["confirm-confirmed_on"] = today
    elif action == "send_recommendation":
        data.update({"send-recipient": "UBND xã", "send-sent_on": today})
    elif action == "record_reply":
        data.update({"reply-reply": "Đã xử lý", "reply-replied_on": today})
    return f"/democracy/kien-nghi/{r.pk}/{action}/", data


RECOMMENDATION_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=RECOMMENDATION,
    make=_make_recommendation,
    page=lambda r: f"/democracy/kien-nghi/{r.pk}/",
    post=_post_recommendation,
)


@pytest.mark.parametrize("case", RECOMMENDATION_MATRIX.cases(), ids=str)
def test_a_recommendation_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    RECOMMENDATION_MATRIX.check(case, Context(units, root))


def _make_meeting(action: str, ctx: Context) -> WorkplaceMeeting:
    w = services.register_workplace(actor=ctx.root, unit=ctx.units.commune_a, kind="agency", name="UBND xã")
    return services.plan_meeting(
        actor=ctx.root, workplace=w, kind="conference", year=clock.today().year, planned_on=clock.today()
    )


def _post_meeting(m: WorkplaceMeeting, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    prefix = {"hold_meeting": "hold", "cancel_meeting": "cancel"}[action]
    data: dict[str, Any] = {f"{prefix}-version": m.version}
    if action == "hold_meeting":
        data.update(
            {"hold-held_on": clock.today().strftime("%d/%m/%Y"), "hold-attendees": 10, "hold-minutes": "Có"}
        )
    else:
        data["cancel-reason"] = "Hoãn"
    return f"/democracy/hoi-nghi/{m.pk}/{action}/", data


MEETING_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=WORKPLACE_MEETING,
    make=_make_meeting,
    page=lambda m: f"/democracy/hoi-nghi/{m.pk}/",
    post=_post_meeting,
)


@pytest.mark.parametrize("case", MEETING_MATRIX.cases(), ids=str)
def test_a_workplace_meeting_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    MEETING_MATRIX.check(case, Context(units, root))


def test_every_workflow_action_of_the_module_has_a_rule() -> None:
    actions = {a.name for w in WORKFLOWS for a in w.actions.values() if not a.public}
    assert actions <= set(RULEBOOK.by_action)
