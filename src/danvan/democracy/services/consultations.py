"""Tham gia ý kiến: a draft put to the people, their opinions (web, meetings, suggestion box) grouped
by part of the draft, and the commune's published answer (tiếp thu, giải trình)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.democracy.models import (
    CommentChannel,
    Consultation,
    ConsultationComment,
    ConsultationPart,
    ConsultationState,
    Disposition,
)
from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.workflow import CONSULTATION
from danvan.territory.models import AdminUnit, Level

MAX_COMMENT = 5000
CONSULT_CHANNELS = ("web", "meeting", "notice_board", "loudspeaker", "suggestion_box", "social_group")


def create_consultation(
    *,
    actor: Any,
    unit: AdminUnit,
    title: str,
    matter: str,
    summary: str,
    parts: Sequence[str],
    is_demo: bool = False,
) -> Consultation:
    """A draft (not yet open) with its parts, one per line of `parts`."""
    if unit.level != Level.COMMUNE:
        raise Refused(_("Dự thảo lấy ý kiến được lập tại một xã, phường, đặc khu."), field="unit")
    RULEBOOK.require(actor, "create_consultation", unit)
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Hãy nhập tên dự thảo."), field="title")
    if not (summary or "").strip():
        raise Refused(_("Hãy nhập nội dung chính của dự thảo."), field="summary")
    names = [" ".join(p.split())[:250] for p in parts if p and p.strip()]
    if len(names) > 100:
        raise Refused(_("Dự thảo có tối đa 100 phần."), field="parts")
    with transaction.atomic():
        c = Consultation.objects.create(
            unit=unit,
            title=title[:250],
            matter=matter,
            summary=summary.strip(),
            created_at=clock.now(),
            is_demo=is_demo,
        )
        ConsultationPart.objects.bulk_create(
            [ConsultationPart(consultation=c, number=i, title=name) for i, name in enumerate(names, start=1)]
        )
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=c, unit=unit, summary=f"Lập dự thảo “{c.title}”"
        )
    return c


def open_consultation(
    *,
    actor: Any,
    consultation: Consultation,
    opens_on: dt.date,
    closes_on: dt.date,
    channels: Sequence[str],
    version: int | None = None,
) -> Consultation:
    if closes_on < opens_on:
        raise Refused(_("Hạn góp ý phải sau ngày bắt đầu lấy ý kiến."), field="closes_on")
    if closes_on < clock.today():
        raise Refused(_("Hạn góp ý đã qua: hãy chọn một ngày từ hôm nay trở đi."), field="closes_on")
    if not channels:
        raise Refused(_("Hãy chọn ít nhất một hình thức lấy ý kiến."), field="channels")

    def apply(locked: Consultation) -> None:
        locked.opens_on = opens_on
        locked.closes_on = closes_on
        locked.channels = list(channels)

    return perform(CONSULTATION, "open", actor=actor, record=consultation, version=version, apply=apply)


def _accepting(c: Consultation) -> None:
    """Refuse an opinion unless the draft is open today."""
    today = clock.today()
    if c.state != ConsultationState.OPEN or (c.closes_on is not None and today > c.closes_on):
        raise Refused(
            _("Dự thảo “%(title)s” đã hết hạn góp ý (hạn %(day)s): không nhận thêm ý kiến.")
            % {"title": c.title, "day": clock.format_date(c.closes_on)},
            field="content",
        )
    if c.opens_on is not None and today < c.opens_on:
        raise Refused(
            _("Dự thảo bắt đầu nhận ý kiến từ ngày %(day)s.") % {"day": clock.format_date(c.opens_on)},
            field="content",
        )


def _part(c: Consultation, part_id: int | None) -> ConsultationPart | None:
    if not part_id:
        return None
    part = c.parts.filter(pk=part_id).first()
    if part is None:
        raise Refused(_("Phần dự thảo đã chọn không thuộc dự thảo này."), field="part")
    return part


def _content(text: str) -> str:
    content = (text or "").strip()
    if not content:
        raise Refused(_("Hãy nhập nội dung ý kiến."), field="content")
    if len(content) > MAX_COMMENT:
        raise Refused(_("Ý kiến dài quá %(n)d ký tự.") % {"n": MAX_COMMENT}, field="content")
    return content


def submit_comment(
    *, consultation: Consultation, content: str, part_id: int | None = None, author: str = ""
) -> ConsultationComment:
    """A citizen's opinion from the public page (no account; the view rate-limits it)."""
    content = _content(content)
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _accepting(c)
        comment = ConsultationComment.objects.create(
            consultation=c,
            part=_part(c, part_id),
            channel=CommentChannel.WEB,
            author=" ".join((author or "").split())[:150],
            content=content,
            received_at=clock.now(),
        )
        audit.record(
            actor=None,
            action=AuditAction.CREATE,
            obj=comment,
            unit=c.unit,
            summary=f"Ý kiến góp ý dự thảo “{c.title}” qua trang lấy ý kiến",
        )
    return comment


def record_comment(
    *,
    actor: Any,
    consultation: Consultation,
    content: str,
    channel: str,
    part_id: int | None = None,
    author: str = "",
    version: int | None = None,
    is_demo: bool = False,
) -> Consultation:
    """An opinion an officer enters from a meeting, the suggestion box or a letter."""
    content = _content(content)
    if channel not in CommentChannel.values or channel == CommentChannel.WEB:
        raise Refused(_("Hãy chọn nơi nhận ý kiến (hội nghị, hòm thư góp ý, văn bản)."), field="channel")

    def apply(locked: Consultation) -> dict[str, Any]:
        _accepting(locked)
        comment = ConsultationComment.objects.create(
            consultation=locked,
            part=_part(locked, part_id),
            channel=channel,
            author=" ".join((author or "").split())[:150],
            content=content,
            received_at=clock.now(),
            entered_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        return {"comment": [None, comment.pk]}

    return perform(
        CONSULTATION, "record_comment", actor=actor, record=consultation, version=version, apply=apply
    )


def respond(
    *,
    actor: Any,
    consultation: Consultation,
    comment_id: int,
    disposition: str,
    response: str,
    version: int | None = None,
) -> Consultation:
    """Accept an opinion (tiếp thu) or explain why not (giải trình); the explanation is required."""
    if disposition not in (Disposition.ACCEPTED, Disposition.EXPLAINED):
        raise Refused(_("Hãy chọn tiếp thu hoặc giải trình."), field="disposition")
    response = (response or "").strip()
    if disposition == Disposition.EXPLAINED and not response:
        raise Refused(_("Hãy ghi rõ lý do không tiếp thu (giải trình)."), field="response")

    def apply(locked: Consultation) -> dict[str, Any]:
        comment = locked.comments.select_for_update(of=("self",)).filter(pk=comment_id).first()
        if comment is None:
            raise Refused(_("Ý kiến này không thuộc dự thảo."), field="comment_id")
        old = comment.disposition
        comment.disposition = disposition
        comment.response = response[:MAX_COMMENT]
        comment.save(update_fields=["disposition", "response"])
        return {f"comment {comment.pk}": [old, disposition]}

    return perform(CONSULTATION, "respond", actor=actor, record=consultation, version=version, apply=apply)


def close_consultation(
    *, actor: Any, consultation: Consultation, version: int | None = None, reason: str = ""
) -> Consultation:
    return perform(CONSULTATION, "close", actor=actor, record=consultation, version=version, reason=reason)


def publish_answer(
    *, actor: Any, consultation: Consultation, answer: str, version: int | None = None
) -> Consultation:
    """Publish the synthesis: refused while an opinion is neither accepted nor explained."""
    answer = (answer or "").strip()
    if not answer:
        raise Refused(_("Hãy nhập báo cáo tổng hợp tiếp thu, giải trình."), field="answer")

    def apply(locked: Consultation) -> None:
        pending = locked.comments.filter(disposition=Disposition.PENDING).count()
        if pending:
            raise Refused(
                _("Còn %(n)d ý kiến chưa được tiếp thu hoặc giải trình: hãy xử lý hết trước khi công bố.")
                % {"n": pending},
                field="answer",
            )
        locked.answer = answer
        locked.answered_on = clock.today()

    return perform(
        CONSULTATION, "publish_answer", actor=actor, record=consultation, version=version, apply=apply
    )
