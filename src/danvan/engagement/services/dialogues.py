"""Hội nghị đối thoại: planning, announcing (≥ 7 days ahead), rescheduling, holding, publishing, cancelling.

Every move goes through the workflow kit (`perform` with `workflow.DIALOGUE`): the row is locked, the
version compared, the rulebook asked, the history and the audit row written in one transaction. Bad
input raises `Refused` (a field and a Vietnamese message); a stale form `Conflict`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.engagement.models import Dialogue, DialogueForm, DialogueState
from danvan.engagement.rulebook import RULEBOOK
from danvan.engagement.services.common import (
    ANNOUNCE_MIN_DAYS,
    PUBLISH_MAX_DAYS,
    check_role_level,
    fmt,
    today,
    user_or_none,
)
from danvan.engagement.workflow import DIALOGUE
from danvan.territory.models import AdminUnit

DIALOGUE_FIELDS = [
    "title",
    "host_role",
    "host_name",
    "host_is_head",
    "co_chairs",
    "organisers",
    "starts_at",
    "place",
    "form",
    "content",
    "topics",
]


def local_start_date(dialogue: Dialogue) -> dt.date:
    return clock.local_date(dialogue.starts_at)


def _start_words(dialogue: Dialogue) -> str:
    return clock.local(dialogue.starts_at).strftime("%H:%M %d/%m/%Y")


def create_dialogue(
    *,
    actor: Any,
    unit: AdminUnit,
    title: str,
    host_role: str,
    host_name: str,
    starts_at: dt.datetime,
    host_is_head: bool = True,
    co_chairs: str = "",
    organisers: str = "",
    place: str = "",
    form: str = DialogueForm.IN_PERSON,
    content: str = "",
    topics: str = "",
    officer: Any = None,
    is_demo: bool = False,
) -> Dialogue:
    """Plan a dialogue (state "planned")."""
    RULEBOOK.require(actor, "create_dialogue", unit)
    check_role_level(unit, host_role)
    if not title.strip():
        raise Refused(_("Hãy nhập tên hội nghị đối thoại."), field="title")
    if not host_name.strip():
        raise Refused(_("Hãy nhập họ tên người chủ trì."), field="host_name")
    if timezone.is_naive(starts_at):
        raise Refused(_("Thời gian hội nghị phải có múi giờ."), field="starts_at")
    user = user_or_none(actor)
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            unit=unit,
            title=title.strip(),
            host_role=host_role,
            host_name=host_name.strip(),
            host_is_head=host_is_head,
            co_chairs=co_chairs.strip(),
            organisers=organisers.strip(),
            starts_at=starts_at,
            place=place.strip(),
            form=form,
            content=content.strip(),
            topics=topics.strip(),
            officer=officer or user,
            created_by=user,
            is_demo=is_demo,
        )
        history_row(
            DIALOGUE, dialogue, actor=actor, action="create", from_state="", to_state=DialogueState.PLANNED
        ).save(force_insert=True)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=dialogue,
            unit=unit,
            summary=f"Lập kế hoạch hội nghị đối thoại: {dialogue.title}",
            changes=audit.snapshot(dialogue, DIALOGUE_FIELDS),
        )
    return dialogue


def _notice(start: dt.date, announced_on: dt.date, reason: str, *, field: str) -> bool:
    """The notice rule (RULES.md: announce at least 7 days before): True when short, refused without a reason."""
    if start < announced_on:
        raise Refused(
            _("Ngày hội nghị (%(fmt)s) trước ngày thông báo (%(fmt2)s): thứ tự ngày không hợp lệ.")
            % {"fmt": fmt(start), "fmt2": fmt(announced_on)},
            field="announced_on" if field == "reason" else "starts_at",
        )
    lead = (start - announced_on).days
    short = lead < ANNOUNCE_MIN_DAYS
    if short and not reason.strip():
        raise Refused(
            _(
                "Hội nghị chỉ còn %(lead)s ngày, ít hơn %(ANNOUNCE_MIN_DAYS)s ngày theo quy định: hãy ghi lý do thông báo muộn (việc này sẽ được đánh dấu)."
            )
            % {"lead": lead, "ANNOUNCE_MIN_DAYS": ANNOUNCE_MIN_DAYS},
            field=field,
        )
    return short


def update_dialogue(
    *, actor: Any, dialogue: Dialogue, version: int | None = None, reason: str = "", **values: Any
) -> Dialogue:
    """Edit the details of a dialogue not yet held (time, place, form, content...).

    Moving the time (rescheduling) needs a reason, recorded in the history; an announced dialogue is
    announced again for its new time, so the notice rule is checked again from today: under 7 days the
    reason is required as for a late announcement, and the dialogue is flagged.
    """
    unknown = set(values) - set(DIALOGUE_FIELDS)
    if unknown:
        raise Refused(_("Trường không sửa được: %(join)s.") % {"join": ", ".join(sorted(unknown))})
    reason = reason.strip()

    def apply(locked: Dialogue) -> dict[str, Any]:
        if "host_role" in values:
            check_role_level(locked.unit, values["host_role"])
        old_start = locked.starts_at
        for key, value in values.items():
            setattr(locked, key, value.strip() if isinstance(value, str) else value)
        if locked.starts_at == old_start:
            return {}
        if not reason:
            raise Refused(
                _("Dời lịch hội nghị (từ %(old)s sang %(new)s) cần ghi lý do: hãy nhập lý do dời lịch.")
                % {
                    "old": clock.local(old_start).strftime("%H:%M %d/%m/%Y"),
                    "new": _start_words(locked),
                },
                field="reason",
            )
        if locked.starts_at < clock.now():
            raise Refused(
                _("Thời gian mới (%(new)s) đã qua: chỉ dời lịch sang một thời điểm sắp tới.")
                % {"new": _start_words(locked)},
                field="starts_at",
            )
        if locked.state == DialogueState.ANNOUNCED:
            announced_on = today()
            locked.short_notice = _notice(local_start_date(locked), announced_on, reason, field="reason")
            locked.short_notice_reason = reason if locked.short_notice else ""
            locked.announced_on = announced_on
        return {"rescheduled": [old_start.isoformat(), locked.starts_at.isoformat()]}

    return perform(
        DIALOGUE,
        "edit",
        actor=actor,
        record=dialogue,
        version=version,
        reason=reason,
        apply=apply,
        summary=f"Sửa thông tin hội nghị đối thoại: {dialogue.title}",
    )


def announce_dialogue(
    *,
    actor: Any,
    dialogue: Dialogue,
    announced_on: dt.date | None = None,
    reason: str = "",
    version: int | None = None,
) -> Dialogue:
    """Announce time, place, form and content; under 7 days ahead only with a reason, and flagged."""
    announced_on = announced_on or today()
    if announced_on > today():
        raise Refused(_("Ngày thông báo không được ở tương lai."), field="announced_on")

    def apply(locked: Dialogue) -> None:
        missing = [
            label
            for label, value in (
                ("thời gian", locked.starts_at),
                ("địa điểm", locked.place),
                ("hình thức", locked.form),
                ("nội dung", locked.content),
            )
            if not value
        ]
        if missing:
            raise Refused(
                _("Chưa đủ thông tin để thông báo: thiếu %(join)s. Hãy bổ sung rồi thông báo lại.")
                % {"join": ", ".join(missing)}
            )
        short = _notice(local_start_date(locked), announced_on, reason, field="reason")
        locked.announced_on = announced_on
        locked.short_notice = short
        locked.short_notice_reason = reason.strip() if short else ""

    return perform(
        DIALOGUE,
        "announce",
        actor=actor,
        record=dialogue,
        version=version,
        reason=reason.strip(),
        apply=apply,
    )


def hold_dialogue(
    *,
    actor: Any,
    dialogue: Dialogue,
    held_on: dt.date,
    participants_count: int | None = None,
    note: str = "",
    version: int | None = None,
) -> Dialogue:
    """Record that the dialogue took place: not before it was announced, nor before its scheduled start."""
    if held_on > today():
        raise Refused(_("Ngày tổ chức ở tương lai: chỉ ghi nhận hội nghị đã diễn ra."), field="held_on")
    if participants_count is not None and participants_count < 0:
        raise Refused(_("Số người tham dự không được âm."), field="participants_count")

    def apply(locked: Dialogue) -> None:
        if locked.announced_on is None or held_on < locked.announced_on:
            raise Refused(
                _(
                    "Ngày tổ chức (%(fmt)s) trước ngày thông báo (%(fmt2)s): thứ tự ngày không hợp lệ. Hãy kiểm tra lại ngày."
                )
                % {"fmt": fmt(held_on), "fmt2": fmt(locked.announced_on)},
                field="held_on",
            )
        if clock.now() < locked.starts_at or held_on < local_start_date(locked):
            raise Refused(
                _(
                    "Hội nghị dự kiến bắt đầu lúc %(start)s: chỉ ghi nhận đã tổ chức từ thời điểm bắt đầu. "
                    "Nếu hội nghị được tổ chức vào thời gian khác, hãy dời lịch (có ghi lý do) trước."
                )
                % {"start": _start_words(locked)},
                field="held_on",
            )
        locked.held_on = held_on
        locked.participants_count = participants_count

    return perform(
        DIALOGUE,
        "hold",
        actor=actor,
        record=dialogue,
        version=version,
        reason=note.strip(),
        apply=apply,
        summary=f"Ghi nhận đã tổ chức hội nghị đối thoại ngày {fmt(held_on)}",
    )


def publish_results(
    *,
    actor: Any,
    dialogue: Dialogue,
    results_summary: str,
    published_on: dt.date | None = None,
    version: int | None = None,
) -> Dialogue:
    """Publish the results; later than 10 days after the dialogue is allowed but flagged."""
    published_on = published_on or today()
    if not results_summary.strip():
        raise Refused(_("Hãy nhập kết quả đối thoại để công khai."), field="results_summary")
    if published_on > today():
        raise Refused(_("Ngày công khai không được ở tương lai."), field="published_on")

    def apply(locked: Dialogue) -> None:
        assert locked.held_on is not None
        if published_on < locked.held_on:
            raise Refused(
                _("Ngày công khai (%(fmt)s) trước ngày tổ chức (%(fmt2)s): thứ tự ngày không hợp lệ.")
                % {"fmt": fmt(published_on), "fmt2": fmt(locked.held_on)},
                field="published_on",
            )
        locked.published_late = (published_on - locked.held_on).days > PUBLISH_MAX_DAYS
        locked.results_summary = results_summary.strip()
        locked.published_on = published_on

    held_on = dialogue.held_on
    reason = ""
    if held_on is not None and (published_on - held_on).days > PUBLISH_MAX_DAYS:
        reason = f"Công khai quá {PUBLISH_MAX_DAYS} ngày"
    return perform(
        DIALOGUE, "publish", actor=actor, record=dialogue, version=version, reason=reason, apply=apply
    )


def cancel_dialogue(*, actor: Any, dialogue: Dialogue, reason: str, version: int | None = None) -> Dialogue:
    if not reason.strip():
        raise Refused(_("Hãy ghi lý do hủy hội nghị đối thoại."), field="reason")
    return perform(DIALOGUE, "cancel", actor=actor, record=dialogue, version=version, reason=reason.strip())
