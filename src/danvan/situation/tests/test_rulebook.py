"""Generated: every situation action × role × unit level; the page and the service agree with the rulebook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.rulebook_testing import Case, Matrix
from danvan.core import clock
from danvan.situation import services
from danvan.situation.models import RiseAlert, Topic
from danvan.situation.rulebook import RULEBOOK
from danvan.situation.workflow import ALERT, BRIEF, HOTSPOT, POLL, REPORT


@dataclass
class Context:
    units: Any
    root: Any


def _topic() -> Topic:
    return Topic.objects.get(code="moi_truong")


def _report(ctx: Context) -> Any:
    return services.file_report(
        actor=ctx.root, unit=ctx.units.commune_a, kind="event", topics=[_topic()], mood="stable",
        people_say="Bà con phấn khởi.", event_on=clock.today(),
    )  # fmt: skip


def _make_report(action: str, ctx: Context) -> Any:
    r = _report(ctx)
    if action == "resubmit":
        r = services.return_report(actor=ctx.root, report=r, note="Bổ sung")
    return r


def _post_report(r: Any, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    prefix = {"forward": "forward", "return_report": "return", "resubmit": "resubmit"}[action]
    data = {
        f"{prefix}-version": r.version,
        f"{prefix}-note": "Ghi chú",
        f"{prefix}-people_say": "Bổ sung số hộ.",
    }
    return f"/situation/bao-cao/{r.pk}/{action}/", data


REPORT_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=REPORT,
    make=_make_report,
    page=lambda r: f"/situation/bao-cao/{r.pk}/",
    post=_post_report,
)


@pytest.mark.parametrize("case", REPORT_MATRIX.cases(), ids=str)
def test_a_report_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    REPORT_MATRIX.check(case, Context(units, root))


def _make_alert(action: str, ctx: Context) -> Any:
    return RiseAlert.objects.create(
        unit=ctx.units.commune_a, topic=_topic(), week_start=clock.today() - dt.timedelta(days=7), count=9,
        baseline=0.5, p_value=1e-6, created_at=clock.now(),
    )  # fmt: skip


ALERT_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=ALERT,
    make=_make_alert,
    page=lambda a: f"/situation/canh-bao/{a.pk}/",
    post=lambda a, action, ctx: (
        f"/situation/canh-bao/{a.pk}/{action}/",
        {"answer-version": a.version, "answer-answer": "Đã kiểm tra"},
    ),
)


@pytest.mark.parametrize("case", ALERT_MATRIX.cases(), ids=str)
def test_an_alert_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    ALERT_MATRIX.check(case, Context(units, root))


def _make_hotspot(action: str, ctx: Context) -> Any:
    return services.open_hotspot(
        actor=ctx.root, unit=ctx.units.commune_a, title="Ô nhiễm nguồn nước", topic=_topic(), risk="high",
        summary="Nhiều hộ phản ánh.",
    )  # fmt: skip


def _post_hotspot(h: Any, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    if action == "update_hotspot":
        r = _report(ctx)
        return f"/situation/diem-nong/{h.pk}/{action}/", {
            "link-version": h.version,
            "link-source": "report",
            "link-ref": str(r.pk),
        }
    if action == "escalate":
        return f"/situation/diem-nong/{h.pk}/{action}/", {
            "escalate-version": h.version,
            "escalate-reason": "Vượt thẩm quyền",
        }
    return f"/situation/diem-nong/{h.pk}/{action}/", {
        "close-version": h.version,
        "close-lesson": "Đối thoại sớm.",
    }


HOTSPOT_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=HOTSPOT,
    make=_make_hotspot,
    page=lambda h: f"/situation/diem-nong/{h.pk}/",
    post=_post_hotspot,
)


@pytest.mark.parametrize("case", HOTSPOT_MATRIX.cases(), ids=str)
def test_a_hotspot_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    HOTSPOT_MATRIX.check(case, Context(units, root))


def _make_poll(action: str, ctx: Context) -> Any:
    p = services.create_poll(
        actor=ctx.root, unit=ctx.units.commune_a, title="Ý kiến về đường thôn", target="public",
        questions=services.parse_questions("[một] Đồng tình? | Có | Không"),
    )  # fmt: skip
    if action == "close_poll":
        p = services.open_poll(actor=ctx.root, poll=p, closes_on=clock.today() + dt.timedelta(days=5))
    return p


def _post_poll(p: Any, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    prefix = "open" if action == "open_poll" else "close"
    closes = (clock.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    return f"/situation/tham-do/{p.pk}/{action}/", {f"{prefix}-version": p.version, "open-closes_on": closes}


POLL_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=POLL,
    make=_make_poll,
    page=lambda p: f"/situation/tham-do/{p.pk}/",
    post=_post_poll,
)


@pytest.mark.parametrize("case", POLL_MATRIX.cases(), ids=str)
def test_a_poll_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    POLL_MATRIX.check(case, Context(units, root))


def _make_brief(action: str, ctx: Context) -> Any:
    b = services.draft_brief(actor=ctx.root, unit=ctx.units.commune_a, week=clock.today())
    if action == "receive_brief":
        b = services.send_brief(actor=ctx.root, brief=b)
    return b


def _post_brief(b: Any, action: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    prefix = {"edit_brief": "edit", "send_brief": "send", "receive_brief": "receive"}[action]
    return f"/situation/ban-tin/{b.pk}/{action}/", {f"{prefix}-version": b.version, "edit-rising": "Ổn định."}


BRIEF_MATRIX = Matrix(
    rulebook=RULEBOOK,
    workflow=BRIEF,
    make=_make_brief,
    page=lambda b: f"/situation/ban-tin/{b.pk}/",
    post=_post_brief,
)


@pytest.mark.parametrize("case", BRIEF_MATRIX.cases(), ids=str)
def test_a_brief_action_is_shown_and_accepted_exactly_when_the_rulebook_allows_it(
    case: Case, units: Any, root: Any
) -> None:
    BRIEF_MATRIX.check(case, Context(units, root))
