"""Tiếp công dân và đối thoại: every write, one function per state change.

Each function takes keyword-only arguments and a required `actor`, runs in one transaction, checks
the move against an explicit table, writes a history row where the record has one, and the audit log.
Bad input raises `EngagementError` with a Vietnamese message saying what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from danvan.accounts.scoping import ACT_ROLES, HEAD_ROLES, scope_for
from danvan.core import audit, clock, crypto
from danvan.core.models import AuditAction
from danvan.engagement.models import (
    OPEN_COMMITMENT_STATES,
    ROLE_LEVEL,
    Commitment,
    CommitmentEvent,
    CommitmentState,
    Dialogue,
    DialogueEvent,
    DialogueForm,
    DialogueQuestion,
    DialogueState,
    HeadRole,
    Mode,
    QuestionSource,
    Receiver,
    ReceptionCitizen,
    ReceptionMatter,
    ReceptionRule,
    ReceptionSchedule,
    ReceptionSession,
)
from danvan.territory.models import AdminUnit

ANNOUNCE_MIN_DAYS = 7  # Luật Tổ chức chính quyền địa phương 2025, Art. 43
PUBLISH_MAX_DAYS = 10

DIALOGUE_TRANSITIONS: dict[str, frozenset[str]] = {
    DialogueState.PLANNED: frozenset({DialogueState.ANNOUNCED, DialogueState.CANCELLED}),
    DialogueState.ANNOUNCED: frozenset({DialogueState.HELD, DialogueState.CANCELLED}),
    DialogueState.HELD: frozenset({DialogueState.PUBLISHED}),
    DialogueState.PUBLISHED: frozenset(),
    DialogueState.CANCELLED: frozenset(),
}

COMMITMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    CommitmentState.OPEN: frozenset(
        {CommitmentState.IN_PROGRESS, CommitmentState.DONE, CommitmentState.EXPLAINED}
    ),
    CommitmentState.IN_PROGRESS: frozenset({CommitmentState.DONE, CommitmentState.EXPLAINED}),
    CommitmentState.DONE: frozenset(),
    CommitmentState.EXPLAINED: frozenset(),
}

QUESTION_STATES_OPEN = (DialogueState.ANNOUNCED, DialogueState.HELD, DialogueState.PUBLISHED)


class EngagementError(Exception):
    """Bad input or an illegal move; `field` names the form field at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(EngagementError):
    """Someone else changed the record first."""


def today() -> dt.date:
    return clock.today()


def _check_version(obj: Dialogue | Commitment, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise ConflictError(
            "Bản ghi vừa được người khác cập nhật. Hãy tải lại trang để xem thay đổi rồi thao tác lại."
        )


def _require_act(actor: Any, unit: AdminUnit) -> None:
    scope_for(actor).require(unit, ACT_ROLES)


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# --- Rules -------------------------------------------------------------------------------------------


def rule_in_force(head_role: str, day: dt.date) -> ReceptionRule | None:
    return (
        ReceptionRule.objects.filter(head_role=head_role, effective_from__lte=day)
        .exclude(effective_to__lt=day)
        .order_by("-effective_from")
        .first()
    )


def _check_role_level(unit: AdminUnit, head_role: str) -> None:
    if head_role not in ROLE_LEVEL:
        raise EngagementError("Hãy chọn người đứng đầu trong danh sách.", "head_role")
    if ROLE_LEVEL[head_role] != unit.level:
        label = HeadRole(head_role).label
        raise EngagementError(
            f"{label} không thuộc cấp của {unit.name}. Hãy chọn người đứng đầu đúng cấp đơn vị.", "head_role"
        )


# --- Reception schedules and sessions ------------------------------------------------------------------


@transaction.atomic
def save_schedule(
    *,
    actor: Any,
    unit: AdminUnit,
    head_role: str,
    head_name: str,
    location: str,
    weekday: int | None = None,
    month_days: str = "",
    usual_days: str = "",
    mode: str = Mode.IN_PERSON,
    active: bool = True,
    is_demo: bool = False,
) -> ReceptionSchedule:
    """Create or update the periodic reception schedule of a head at a unit."""
    _require_act(actor, unit)
    _check_role_level(unit, head_role)
    if not head_name.strip():
        raise EngagementError("Hãy nhập họ tên người đứng đầu.", "head_name")
    days = [p.strip() for p in month_days.replace(";", ",").split(",") if p.strip()]
    if any(not p.isdigit() or not 1 <= int(p) <= 31 for p in days):
        raise EngagementError(
            "Ngày trong tháng không hợp lệ: hãy nhập các số từ 1 đến 31, cách nhau bởi dấu phẩy (ví dụ 10, 25).",
            "month_days",
        )
    month_days = ", ".join(str(d) for d in sorted({int(p) for p in days}))
    if weekday is None and not month_days:
        raise EngagementError("Hãy chọn thứ tiếp hằng tuần hoặc nhập các ngày tiếp trong tháng.", "weekday")
    if weekday is not None and not 0 <= weekday <= 6:
        raise EngagementError("Thứ trong tuần không hợp lệ.", "weekday")
    schedule = ReceptionSchedule.objects.select_for_update().filter(unit=unit, head_role=head_role).first()
    fields = ["head_name", "weekday", "month_days", "usual_days", "location", "mode", "active"]
    if schedule is None:
        schedule = ReceptionSchedule.objects.create(
            unit=unit,
            head_role=head_role,
            head_name=head_name.strip(),
            weekday=weekday,
            month_days=month_days,
            usual_days=usual_days.strip(),
            location=location.strip(),
            mode=mode,
            active=active,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=schedule,
            unit=unit,
            summary=f"Lập lịch tiếp công dân: {schedule.head_title}",
            changes=audit.snapshot(schedule, fields),
        )
        return schedule
    before = audit.snapshot(schedule, fields)
    schedule.head_name, schedule.usual_days = head_name.strip(), usual_days.strip()
    schedule.weekday, schedule.month_days = weekday, month_days
    schedule.location, schedule.mode, schedule.active = location.strip(), mode, active
    schedule.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=schedule,
        unit=unit,
        summary=f"Cập nhật lịch tiếp công dân: {schedule.head_title}",
        changes=audit.diff(before, audit.snapshot(schedule, fields)),
    )
    return schedule


@dataclass(frozen=True)
class CitizenInput:
    name: str
    address: str = ""
    phone: str = ""


def _encrypt_citizen(session: ReceptionSession, position: int, citizen: CitizenInput) -> ReceptionCitizen:
    if not citizen.name.strip():
        raise EngagementError(f"Công dân thứ {position}: hãy nhập họ tên (hoặc bỏ dòng trống).", "citizens")
    return ReceptionCitizen(
        session=session,
        position=position,
        name_enc=crypto.encrypt(citizen.name.strip()),
        address_enc=crypto.encrypt(citizen.address.strip()),
        phone_enc=crypto.encrypt(citizen.phone.strip()),
    )


@transaction.atomic
def record_reception(
    *,
    actor: Any,
    unit: AdminUnit,
    head_role: str,
    date: dt.date,
    receiver_name: str,
    received_by: str = Receiver.HEAD,
    mode: str = Mode.IN_PERSON,
    location: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    citizens_count: int = 0,
    citizens: Sequence[CitizenInput] = (),
    notes: str = "",
    officer: Any = None,
    is_demo: bool = False,
) -> ReceptionSession:
    """Record a reception day. A deputy or online reception is refused where the rules of that day forbid it."""
    _require_act(actor, unit)
    _check_role_level(unit, head_role)
    if date > today():
        raise EngagementError(
            "Ngày tiếp công dân ở tương lai: chỉ ghi nhận buổi tiếp đã diễn ra. Hãy kiểm tra lại ngày.",
            "date",
        )
    if not receiver_name.strip():
        raise EngagementError("Hãy nhập họ tên người trực tiếp tiếp công dân.", "receiver_name")
    if start_time and end_time and end_time <= start_time:
        raise EngagementError("Giờ kết thúc phải sau giờ bắt đầu.", "end_time")
    rule = rule_in_force(head_role, date)
    if received_by == Receiver.DEPUTY and (rule is None or not rule.delegation_allowed):
        raise EngagementError(
            f"Từ ngày {_fmt(rule.effective_from if rule else None)} người đứng đầu không được ủy quyền cho "
            "cấp phó tiếp công dân định kỳ. Hãy ghi nhận buổi tiếp do người đứng đầu trực tiếp tiếp.",
            "received_by",
        )
    if mode == Mode.ONLINE and (rule is None or not rule.online_allowed):
        raise EngagementError(
            f"Ngày {_fmt(date)} quy định chưa cho phép tiếp công dân trực tuyến (áp dụng từ 01/7/2026). "
            "Hãy chọn hình thức trực tiếp.",
            "mode",
        )
    citizens = [c for c in citizens if c.name.strip() or c.address.strip() or c.phone.strip()]
    if citizens_count < len(citizens):
        citizens_count = len(citizens)
    session = ReceptionSession.objects.create(
        unit=unit,
        head_role=head_role,
        date=date,
        start_time=start_time,
        end_time=end_time,
        received_by=received_by,
        receiver_name=receiver_name.strip(),
        mode=mode,
        location=location.strip(),
        citizens_count=citizens_count,
        notes=notes.strip(),
        officer=officer or (actor if getattr(actor, "is_authenticated", False) else None),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    ReceptionCitizen.objects.bulk_create(
        [_encrypt_citizen(session, i, c) for i, c in enumerate(citizens, start=1)]
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=session,
        unit=unit,
        summary=f"Ghi nhận buổi tiếp công dân ngày {_fmt(date)} ({session.head_title})",
        changes={
            "date": date.isoformat(),
            "head_role": head_role,
            "received_by": received_by,
            "mode": mode,
            "citizens_count": citizens_count,
            "identities_recorded": len(citizens),
        },
    )
    return session


@transaction.atomic
def add_reception_citizen(
    *, actor: Any, session: ReceptionSession, citizen: CitizenInput
) -> ReceptionCitizen:
    _require_act(actor, session.unit)
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    position = session.citizens.count() + 1
    row = _encrypt_citizen(session, position, citizen)
    row.save()
    if session.citizens_count < position:
        session.citizens_count = position
        session.save(update_fields=["citizens_count"])
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        unit=session.unit,
        summary=f"Thêm công dân thứ {position} vào buổi tiếp ngày {_fmt(session.date)}",
    )
    return row


@transaction.atomic
def add_matter(
    *, actor: Any, session: ReceptionSession, summary: str, citizen: ReceptionCitizen | None = None
) -> ReceptionMatter:
    _require_act(actor, session.unit)
    if not summary.strip():
        raise EngagementError("Hãy nhập nội dung vụ việc công dân trình bày.", "summary")
    if citizen is not None and citizen.session_id != session.pk:
        raise EngagementError("Công dân đã chọn không thuộc buổi tiếp này.", "citizen")
    matter = ReceptionMatter.objects.create(
        session=session,
        unit=session.unit,
        citizen=citizen,
        summary=summary.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=matter,
        unit=session.unit,
        summary=f"Ghi nhận vụ việc tại buổi tiếp ngày {_fmt(session.date)}",
    )
    return matter


def can_view_identities(actor: Any, unit: AdminUnit, officer_id: int | None) -> bool:
    """The unit head (or an administrator) and the officer in charge may see identities."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_for(actor)
    return scope.has_role(unit, HEAD_ROLES) or (officer_id is not None and officer_id == actor.pk)


@dataclass(frozen=True)
class CitizenIdentity:
    position: int
    name: str
    address: str
    phone: str


@transaction.atomic
def reveal_reception_identities(*, actor: Any, session: ReceptionSession) -> list[CitizenIdentity]:
    """Decrypt the identities of the citizens received, for the unit head or the officer in charge."""
    from django.core.exceptions import PermissionDenied

    if not can_view_identities(actor, session.unit, session.officer_id):
        raise PermissionDenied(
            "Chỉ người đứng đầu đơn vị hoặc cán bộ phụ trách buổi tiếp được xem danh tính công dân."
        )
    rows = [
        CitizenIdentity(
            c.position, crypto.decrypt(c.name_enc), crypto.decrypt(c.address_enc), crypto.decrypt(c.phone_enc)
        )
        for c in session.citizens.all()
    ]
    audit.record(
        actor=actor,
        action=AuditAction.VIEW_CONFIDENTIAL,
        obj=session,
        unit=session.unit,
        summary=f"Xem danh tính {len(rows)} công dân tại buổi tiếp ngày {_fmt(session.date)}",
    )
    return rows


# --- Dialogues -----------------------------------------------------------------------------------------


def _dialogue_event(dialogue: Dialogue, actor: Any, from_state: str, to_state: str, reason: str = "") -> None:
    DialogueEvent.objects.create(
        dialogue=dialogue,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )


def _check_move(dialogue: Dialogue, to_state: str) -> None:
    if to_state not in DIALOGUE_TRANSITIONS[dialogue.state]:
        raise EngagementError(
            f"Không thể chuyển hội nghị đối thoại từ “{dialogue.get_state_display()}” sang "
            f"“{DialogueState(to_state).label}”."
        )


def _locked_dialogue(dialogue: Dialogue, version: int | None) -> Dialogue:
    locked = Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    _check_version(locked, version)
    return locked


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


@transaction.atomic
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
    _require_act(actor, unit)
    _check_role_level(unit, host_role)
    if not title.strip():
        raise EngagementError("Hãy nhập tên hội nghị đối thoại.", "title")
    if not host_name.strip():
        raise EngagementError("Hãy nhập họ tên người chủ trì.", "host_name")
    if timezone.is_naive(starts_at):
        raise EngagementError("Thời gian hội nghị phải có múi giờ.", "starts_at")
    user = actor if getattr(actor, "is_authenticated", False) else None
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
    _dialogue_event(dialogue, actor, "", DialogueState.PLANNED)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=dialogue,
        unit=unit,
        summary=f"Lập kế hoạch hội nghị đối thoại: {dialogue.title}",
        changes=audit.snapshot(dialogue, DIALOGUE_FIELDS),
    )
    return dialogue


@transaction.atomic
def update_dialogue(*, actor: Any, dialogue: Dialogue, version: int | None = None, **values: Any) -> Dialogue:
    """Edit the details of a dialogue not yet held (time, place, form, content...)."""
    _require_act(actor, dialogue.unit)
    dialogue = _locked_dialogue(dialogue, version)
    if dialogue.state not in (DialogueState.PLANNED, DialogueState.ANNOUNCED):
        raise EngagementError("Hội nghị đã tổ chức hoặc đã hủy: không sửa được thông tin tổ chức.")
    unknown = set(values) - set(DIALOGUE_FIELDS)
    if unknown:
        raise EngagementError(f"Trường không sửa được: {', '.join(sorted(unknown))}.")
    if "host_role" in values:
        _check_role_level(dialogue.unit, values["host_role"])
    before = audit.snapshot(dialogue, DIALOGUE_FIELDS)
    for key, value in values.items():
        setattr(dialogue, key, value.strip() if isinstance(value, str) else value)
    if dialogue.state == DialogueState.ANNOUNCED and dialogue.announced_on is not None:
        if dialogue.starts_at.astimezone(timezone.get_current_timezone()).date() < dialogue.announced_on:
            raise EngagementError("Thời gian hội nghị không được trước ngày thông báo.", "starts_at")
    dialogue.version += 1
    dialogue.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=dialogue,
        unit=dialogue.unit,
        summary=f"Sửa thông tin hội nghị đối thoại: {dialogue.title}",
        changes=audit.diff(before, audit.snapshot(dialogue, DIALOGUE_FIELDS)),
    )
    return dialogue


def local_start_date(dialogue: Dialogue) -> dt.date:
    return clock.local(dialogue.starts_at).date()


@transaction.atomic
def announce_dialogue(
    *,
    actor: Any,
    dialogue: Dialogue,
    announced_on: dt.date | None = None,
    reason: str = "",
    version: int | None = None,
) -> Dialogue:
    """Announce time, place, form and content; under 7 days ahead only with a reason, and flagged."""
    _require_act(actor, dialogue.unit)
    dialogue = _locked_dialogue(dialogue, version)
    _check_move(dialogue, DialogueState.ANNOUNCED)
    announced_on = announced_on or today()
    if announced_on > today():
        raise EngagementError("Ngày thông báo không được ở tương lai.", "announced_on")
    missing = [
        label
        for label, value in (
            ("thời gian", dialogue.starts_at),
            ("địa điểm", dialogue.place),
            ("hình thức", dialogue.form),
            ("nội dung", dialogue.content),
        )
        if not value
    ]
    if missing:
        raise EngagementError(
            f"Chưa đủ thông tin để thông báo: thiếu {', '.join(missing)}. Hãy bổ sung rồi thông báo lại."
        )
    start = local_start_date(dialogue)
    if start < announced_on:
        raise EngagementError(
            f"Ngày hội nghị ({_fmt(start)}) trước ngày thông báo ({_fmt(announced_on)}): thứ tự ngày không hợp lệ.",
            "announced_on",
        )
    lead = (start - announced_on).days
    short = lead < ANNOUNCE_MIN_DAYS
    if short and not reason.strip():
        raise EngagementError(
            f"Hội nghị chỉ còn {lead} ngày, ít hơn {ANNOUNCE_MIN_DAYS} ngày theo quy định: hãy ghi lý do "
            "thông báo muộn (việc này sẽ được đánh dấu).",
            "reason",
        )
    dialogue.state = DialogueState.ANNOUNCED
    dialogue.announced_on = announced_on
    dialogue.short_notice = short
    dialogue.short_notice_reason = reason.strip() if short else ""
    dialogue.version += 1
    dialogue.save()
    _dialogue_event(dialogue, actor, DialogueState.PLANNED, DialogueState.ANNOUNCED, reason.strip())
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=dialogue,
        unit=dialogue.unit,
        summary=f"Thông báo hội nghị đối thoại trước {lead} ngày" + (" (muộn, có lý do)" if short else ""),
        changes={"state": [DialogueState.PLANNED, DialogueState.ANNOUNCED], "short_notice": [False, short]},
    )
    return dialogue


@transaction.atomic
def hold_dialogue(
    *,
    actor: Any,
    dialogue: Dialogue,
    held_on: dt.date,
    participants_count: int | None = None,
    note: str = "",
    version: int | None = None,
) -> Dialogue:
    """Record that the dialogue took place; it cannot be held before it was announced."""
    _require_act(actor, dialogue.unit)
    dialogue = _locked_dialogue(dialogue, version)
    _check_move(dialogue, DialogueState.HELD)
    if held_on > today():
        raise EngagementError("Ngày tổ chức ở tương lai: chỉ ghi nhận hội nghị đã diễn ra.", "held_on")
    if dialogue.announced_on is None or held_on < dialogue.announced_on:
        raise EngagementError(
            f"Ngày tổ chức ({_fmt(held_on)}) trước ngày thông báo ({_fmt(dialogue.announced_on)}): "
            "thứ tự ngày không hợp lệ. Hãy kiểm tra lại ngày.",
            "held_on",
        )
    if participants_count is not None and participants_count < 0:
        raise EngagementError("Số người tham dự không được âm.", "participants_count")
    dialogue.state = DialogueState.HELD
    dialogue.held_on = held_on
    dialogue.participants_count = participants_count
    dialogue.version += 1
    dialogue.save()
    _dialogue_event(dialogue, actor, DialogueState.ANNOUNCED, DialogueState.HELD, note.strip())
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=dialogue,
        unit=dialogue.unit,
        summary=f"Ghi nhận đã tổ chức hội nghị đối thoại ngày {_fmt(held_on)}",
        changes={
            "state": [DialogueState.ANNOUNCED, DialogueState.HELD],
            "held_on": [None, held_on.isoformat()],
        },
    )
    return dialogue


@transaction.atomic
def publish_results(
    *,
    actor: Any,
    dialogue: Dialogue,
    results_summary: str,
    published_on: dt.date | None = None,
    version: int | None = None,
) -> Dialogue:
    """Publish the results; later than 10 days after the dialogue is allowed but flagged."""
    _require_act(actor, dialogue.unit)
    dialogue = _locked_dialogue(dialogue, version)
    _check_move(dialogue, DialogueState.PUBLISHED)
    published_on = published_on or today()
    if not results_summary.strip():
        raise EngagementError("Hãy nhập kết quả đối thoại để công khai.", "results_summary")
    if published_on > today():
        raise EngagementError("Ngày công khai không được ở tương lai.", "published_on")
    assert dialogue.held_on is not None
    if published_on < dialogue.held_on:
        raise EngagementError(
            f"Ngày công khai ({_fmt(published_on)}) trước ngày tổ chức ({_fmt(dialogue.held_on)}): "
            "thứ tự ngày không hợp lệ.",
            "published_on",
        )
    late = (published_on - dialogue.held_on).days > PUBLISH_MAX_DAYS
    dialogue.state = DialogueState.PUBLISHED
    dialogue.results_summary = results_summary.strip()
    dialogue.published_on = published_on
    dialogue.published_late = late
    dialogue.version += 1
    dialogue.save()
    _dialogue_event(
        dialogue,
        actor,
        DialogueState.HELD,
        DialogueState.PUBLISHED,
        f"Công khai quá {PUBLISH_MAX_DAYS} ngày" if late else "",
    )
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=dialogue,
        unit=dialogue.unit,
        summary="Công khai kết quả đối thoại" + (" (quá hạn 10 ngày)" if late else ""),
        changes={"state": [DialogueState.HELD, DialogueState.PUBLISHED], "published_late": [False, late]},
    )
    return dialogue


@transaction.atomic
def cancel_dialogue(*, actor: Any, dialogue: Dialogue, reason: str, version: int | None = None) -> Dialogue:
    _require_act(actor, dialogue.unit)
    dialogue = _locked_dialogue(dialogue, version)
    _check_move(dialogue, DialogueState.CANCELLED)
    if not reason.strip():
        raise EngagementError("Hãy ghi lý do hủy hội nghị đối thoại.", "reason")
    previous = dialogue.state
    dialogue.state = DialogueState.CANCELLED
    dialogue.version += 1
    dialogue.save()
    _dialogue_event(dialogue, actor, previous, DialogueState.CANCELLED, reason.strip())
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=dialogue,
        unit=dialogue.unit,
        summary="Hủy hội nghị đối thoại",
        changes={"state": [previous, DialogueState.CANCELLED]},
    )
    return dialogue


# --- Questions ---------------------------------------------------------------------------------------------

MAX_QUESTION_CHARS = 4000


def _clean_question(text: str) -> str:
    text = text.strip()
    if len(text) < 10:
        raise EngagementError("Câu hỏi quá ngắn: hãy nêu rõ vấn đề (ít nhất 10 ký tự).", "text")
    if len(text) > MAX_QUESTION_CHARS:
        raise EngagementError(f"Câu hỏi quá dài: tối đa {MAX_QUESTION_CHARS} ký tự.", "text")
    return text


@transaction.atomic
def submit_question(
    *, actor: Any, dialogue: Dialogue, text: str, name: str = "", contact: str = ""
) -> DialogueQuestion:
    """A citizen sends a question in advance from the public page (actor may be anonymous)."""
    dialogue = Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    if dialogue.state != DialogueState.ANNOUNCED:
        raise EngagementError("Hội nghị này không còn nhận câu hỏi gửi trước.")
    return _create_question(
        actor=actor,
        dialogue=dialogue,
        source=QuestionSource.ADVANCE,
        text=text,
        name=name,
        contact=contact,
        summary=f"Công dân gửi câu hỏi trước cho hội nghị đối thoại #{dialogue.pk}",
    )


def _create_question(
    *, actor: Any, dialogue: Dialogue, source: str, text: str, name: str, contact: str, summary: str
) -> DialogueQuestion:
    """Store a question on a dialogue already locked by the caller: counter, encrypted asker, audit row."""
    Dialogue.objects.filter(pk=dialogue.pk).update(questions_count=F("questions_count") + 1)
    question = DialogueQuestion.objects.create(
        dialogue=dialogue,
        source=source,
        text=_clean_question(text),
        asker_name_enc=crypto.encrypt(name.strip()[:150]),
        asker_contact_enc=crypto.encrypt(contact.strip()[:200]),
    )
    audit.record(actor=actor, action=AuditAction.CREATE, obj=question, unit=dialogue.unit, summary=summary)
    return question


@transaction.atomic
def add_question(
    *, actor: Any, dialogue: Dialogue, text: str, name: str = "", contact: str = ""
) -> DialogueQuestion:
    """An officer records a question raised at the dialogue."""
    _require_act(actor, dialogue.unit)
    dialogue = Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    if dialogue.state not in QUESTION_STATES_OPEN:
        raise EngagementError("Chỉ ghi câu hỏi cho hội nghị đã thông báo hoặc đã tổ chức.")
    return _create_question(
        actor=actor,
        dialogue=dialogue,
        source=QuestionSource.ON_SITE,
        text=text,
        name=name,
        contact=contact,
        summary=f"Ghi câu hỏi tại hội nghị đối thoại #{dialogue.pk}",
    )


@transaction.atomic
def answer_question(
    *, actor: Any, question: DialogueQuestion, answer: str, on_spot: bool = True
) -> DialogueQuestion:
    _require_act(actor, question.dialogue.unit)
    dialogue = (
        Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=question.dialogue_id)
    )
    if dialogue.state not in QUESTION_STATES_OPEN:
        raise EngagementError("Hội nghị chưa thông báo hoặc đã hủy: không ghi trả lời.")
    if not answer.strip():
        raise EngagementError("Hãy nhập nội dung trả lời.", "answer")
    question = DialogueQuestion.objects.select_for_update().get(pk=question.pk)
    was_on_spot = question.answered_on_spot
    before = {"answer": question.answer, "answered_on_spot": was_on_spot}
    question.answer = answer.strip()
    question.answered_on_spot = on_spot
    question.answered_at = timezone.now()
    question.answered_by = actor if getattr(actor, "is_authenticated", False) else None
    question.save()
    delta = int(on_spot) - int(was_on_spot)
    if delta:
        Dialogue.objects.filter(pk=dialogue.pk).update(
            answered_on_spot_count=F("answered_on_spot_count") + delta
        )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=question,
        unit=dialogue.unit,
        summary=f"Ghi trả lời câu hỏi #{question.pk}" + (" (trực tiếp tại hội nghị)" if on_spot else ""),
        changes=audit.diff(before, {"answer": question.answer, "answered_on_spot": on_spot}),
    )
    return question


@transaction.atomic
def reveal_asker(*, actor: Any, question: DialogueQuestion) -> tuple[str, str]:
    from django.core.exceptions import PermissionDenied

    dialogue = question.dialogue
    if not can_view_identities(actor, dialogue.unit, dialogue.officer_id):
        raise PermissionDenied(
            "Chỉ người đứng đầu đơn vị hoặc cán bộ phụ trách được xem danh tính người hỏi."
        )
    identity = (crypto.decrypt(question.asker_name_enc), crypto.decrypt(question.asker_contact_enc))
    audit.record(
        actor=actor,
        action=AuditAction.VIEW_CONFIDENTIAL,
        obj=question,
        unit=dialogue.unit,
        summary=f"Xem danh tính người gửi câu hỏi #{question.pk}",
    )
    return identity


# --- Commitments -----------------------------------------------------------------------------------------


@transaction.atomic
def create_commitment(
    *,
    actor: Any,
    dialogue: Dialogue,
    content: str,
    owner: Any,
    due_date: dt.date | None,
    made_on: dt.date | None = None,
    question: DialogueQuestion | None = None,
    is_demo: bool = False,
) -> Commitment:
    """A promise made at a dialogue: an owner and a due date are required."""
    _require_act(actor, dialogue.unit)
    dialogue = Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    if dialogue.state not in QUESTION_STATES_OPEN:
        raise EngagementError("Chỉ ghi cam kết cho hội nghị đã thông báo hoặc đã tổ chức.")
    if not content.strip():
        raise EngagementError("Hãy nhập nội dung cam kết.", "content")
    if owner is None:
        raise EngagementError(
            "Cam kết phải có người chịu trách nhiệm thực hiện: hãy chọn người chịu trách nhiệm.", "owner"
        )
    if due_date is None:
        raise EngagementError(
            "Cam kết phải có hạn thực hiện: hãy nhập hạn theo dạng ngày/tháng/năm.", "due_date"
        )
    made_on = made_on or dialogue.held_on or today()
    if due_date < made_on:
        raise EngagementError(
            f"Hạn thực hiện ({_fmt(due_date)}) trước ngày cam kết ({_fmt(made_on)}): hãy chọn hạn sau ngày cam kết.",
            "due_date",
        )
    if question is not None and question.dialogue_id != dialogue.pk:
        raise EngagementError("Câu hỏi đã chọn không thuộc hội nghị này.", "question")
    commitment = Commitment.objects.create(
        dialogue=dialogue,
        question=question,
        unit=dialogue.unit,
        content=content.strip(),
        owner=owner,
        made_on=made_on,
        due_date=due_date,
        is_demo=is_demo,
    )
    CommitmentEvent.objects.create(
        commitment=commitment,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        to_state=CommitmentState.OPEN,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=commitment,
        unit=dialogue.unit,
        summary=f"Ghi cam kết tại hội nghị đối thoại #{dialogue.pk}, hạn {_fmt(due_date)}",
        changes={"owner": str(owner), "due_date": due_date.isoformat()},
    )
    return commitment


@transaction.atomic
def follow_up_commitment(
    *,
    actor: Any,
    commitment: Commitment,
    state: str,
    note: str = "",
    done_on: dt.date | None = None,
    version: int | None = None,
) -> Commitment:
    """Move a commitment on: in progress, done (with the date), or explained (with the explanation)."""
    _require_act(actor, commitment.unit)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    _check_version(commitment, version)
    if state not in COMMITMENT_TRANSITIONS.get(commitment.state, frozenset()):
        label = CommitmentState(state).label if state in CommitmentState.values else state
        raise EngagementError(
            f"Không thể chuyển cam kết từ “{commitment.get_state_display()}” sang “{label}”.", "state"
        )
    if state == CommitmentState.DONE:
        done_on = done_on or today()
        if done_on > today():
            raise EngagementError("Ngày hoàn thành không được ở tương lai.", "done_on")
        if done_on < commitment.made_on:
            raise EngagementError("Ngày hoàn thành không được trước ngày cam kết.", "done_on")
    if state == CommitmentState.EXPLAINED and not note.strip():
        raise EngagementError("Hãy ghi giải trình vì sao cam kết không thực hiện được.", "note")
    previous = commitment.state
    commitment.state = state
    if state == CommitmentState.DONE:
        commitment.done_on = done_on
    if note.strip():
        commitment.explanation = note.strip()
    commitment.version += 1
    commitment.save()
    CommitmentEvent.objects.create(
        commitment=commitment,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_state=previous,
        to_state=state,
        note=note.strip(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=commitment,
        unit=commitment.unit,
        summary=f"Theo dõi cam kết #{commitment.pk}: {commitment.get_state_display()}",
        changes={"state": [previous, state], "done_on": [None, done_on.isoformat() if done_on else None]},
    )
    return commitment


def is_open(commitment: Commitment) -> bool:
    return commitment.state in OPEN_COMMITMENT_STATES
