"""Kiểm tra, giám sát: the People's Inspection Board and Community Investment Supervision Boards, their
recommendations confirmed by the commune Fatherland Front, sent and answered within a deadline
(working days by `danvan.core.calendar`, rule data), overdue flagged by the selectors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import audit, calendar, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.democracy.models import BoardKind, OversightBoard, OversightRule, Recommendation
from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.workflow import RECOMMENDATION
from danvan.territory.models import AdminUnit, Level

MEMBER_ROLES = ("head", "deputy", "member")


def oversight_rule(day: dt.date) -> OversightRule:
    rule = (
        OversightRule.objects.filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise Refused(
            _("Chưa có quy tắc kiểm tra, giám sát có hiệu lực vào ngày %(d)s.")
            % {"d": clock.format_date(day)}
        )
    return rule


def elect_board(
    *,
    actor: Any,
    unit: AdminUnit,
    kind: str,
    elected_on: dt.date,
    election_note: str,
    members: Sequence[tuple[str, str]],
    project: str = "",
    plan: str = "",
    plan_announced_on: dt.date | None = None,
    is_demo: bool = False,
) -> OversightBoard:
    """Record a board elected at a meeting, its members (name, head|deputy|member) and its plan."""
    if unit.level != Level.COMMUNE:
        raise Refused(_("Ban kiểm tra, giám sát được bầu ở một xã, phường, đặc khu."), field="unit")
    RULEBOOK.require(actor, "elect_board", unit)
    if kind not in BoardKind.values:
        raise Refused(_("Hãy chọn loại ban."), field="kind")
    if elected_on > clock.today():
        raise Refused(_("Ngày bầu không được sau ngày hôm nay."), field="elected_on")
    if not (election_note or "").strip():
        raise Refused(_("Hãy ghi hội nghị đã bầu ban (thôn, ngày, số đại diện dự)."), field="election_note")
    people = [(" ".join(n.split()), r) for n, r in members if n and n.strip()]
    if any(r not in MEMBER_ROLES for _n, r in people):
        raise Refused(_("Vai trò thành viên phải là trưởng ban, phó ban hoặc thành viên."), field="members")
    heads = sum(1 for _n, r in people if r == "head")
    deputies = sum(1 for _n, r in people if r == "deputy")
    rule = oversight_rule(elected_on)
    if heads != 1:
        raise Refused(_("Ban phải có đúng một trưởng ban (đã ghi %(n)d).") % {"n": heads}, field="members")
    if kind == BoardKind.INSPECTION and len(people) < rule.inspection_min_members:
        raise Refused(
            _("Ban Thanh tra nhân dân có ít nhất %(min)d thành viên (đã ghi %(n)d).")
            % {"min": rule.inspection_min_members, "n": len(people)},
            field="members",
        )
    if kind == BoardKind.INVESTMENT:
        if not (project or "").strip():
            raise Refused(_("Hãy ghi dự án, công trình mà ban giám sát."), field="project")
        if deputies > rule.investment_max_deputies:
            raise Refused(
                _("Ban Giám sát đầu tư của cộng đồng có tối đa %(max)d phó ban (đã ghi %(n)d).")
                % {"max": rule.investment_max_deputies, "n": deputies},
                field="members",
            )
    with transaction.atomic():
        board = OversightBoard.objects.create(
            unit=unit,
            kind=kind,
            project=(project or "").strip()[:250],
            elected_on=elected_on,
            election_note=election_note.strip()[:250],
            members=[{"name": n, "role": r} for n, r in people],
            plan=(plan or "").strip(),
            plan_announced_on=plan_announced_on,
            created_at=clock.now(),
            is_demo=is_demo,
        )
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=board, unit=unit,
            summary=f"Kết quả bầu {board.get_kind_display()} {board.project}".strip(),
        )  # fmt: skip
    return board


def create_recommendation(
    *, actor: Any, board: OversightBoard, finding: str, text: str, is_demo: bool = False
) -> Recommendation:
    RULEBOOK.require(actor, "create_recommendation", board.unit)
    if not (finding or "").strip():
        raise Refused(_("Hãy ghi điều ban phát hiện qua kiểm tra, giám sát."), field="finding")
    if not (text or "").strip():
        raise Refused(_("Hãy ghi nội dung kiến nghị."), field="text")
    with transaction.atomic():
        rec = Recommendation.objects.create(
            unit=board.unit, board=board, finding=finding.strip(), text=text.strip(), created_at=clock.now(),
            is_demo=is_demo,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=rec, unit=board.unit, summary="Kiến nghị của ban"
        )
    return rec


def confirm(
    *,
    actor: Any,
    recommendation: Recommendation,
    confirmed_on: dt.date,
    version: int | None = None,
    reason: str = "",
) -> Recommendation:
    if confirmed_on > clock.today():
        raise Refused(_("Ngày xác nhận không được sau ngày hôm nay."), field="confirmed_on")

    def apply(locked: Recommendation) -> None:
        locked.confirmed_on = confirmed_on

    return perform(
        RECOMMENDATION,
        "confirm",
        actor=actor,
        record=recommendation,
        version=version,
        reason=reason,
        apply=apply,
    )


def send_recommendation(
    *,
    actor: Any,
    recommendation: Recommendation,
    recipient: str,
    sent_on: dt.date,
    version: int | None = None,
) -> Recommendation:
    recipient = " ".join((recipient or "").split())
    if not recipient:
        raise Refused(_("Hãy ghi cơ quan, người có thẩm quyền nhận kiến nghị."), field="recipient")
    if sent_on > clock.today():
        raise Refused(_("Ngày gửi không được sau ngày hôm nay."), field="sent_on")
    rule = oversight_rule(sent_on)

    def apply(locked: Recommendation) -> None:
        if locked.confirmed_on and sent_on < locked.confirmed_on:
            raise Refused(_("Ngày gửi không được trước ngày MTTQ xã xác nhận."), field="sent_on")
        locked.recipient = recipient[:250]
        locked.sent_on = sent_on
        locked.due_on = calendar.add_days(sent_on, rule.reply_days, working=rule.reply_working_days)

    return perform(
        RECOMMENDATION,
        "send_recommendation",
        actor=actor,
        record=recommendation,
        version=version,
        apply=apply,
    )


def record_reply(
    *, actor: Any, recommendation: Recommendation, reply: str, replied_on: dt.date, version: int | None = None
) -> Recommendation:
    if not (reply or "").strip():
        raise Refused(_("Hãy ghi nội dung trả lời."), field="reply")
    if replied_on > clock.today():
        raise Refused(_("Ngày trả lời không được sau ngày hôm nay."), field="replied_on")

    def apply(locked: Recommendation) -> None:
        if locked.sent_on and replied_on < locked.sent_on:
            raise Refused(_("Ngày trả lời không được trước ngày gửi kiến nghị."), field="replied_on")
        locked.reply = reply.strip()
        locked.replied_on = replied_on
        locked.answered_on_time = locked.due_on is not None and replied_on <= locked.due_on

    return perform(
        RECOMMENDATION, "record_reply", actor=actor, record=recommendation, version=version, apply=apply
    )
