"""Đơn thư: selectors (every read goes through the user's scope)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scoping import Scope
from danvan.core import clock
from danvan.petitions import search, services
from danvan.petitions.engines.items import SourceItem
from danvan.petitions.indicators import overdue_q
from danvan.petitions.models import (
    Field,
    FieldCorrection,
    IntakeJournal,
    Kind,
    Petition,
    PetitionHistory,
    State,
)
from danvan.petitions.services import OPEN_STATES, normalise_code, rows_of
from danvan.territory import naming
from danvan.territory.models import AdminUnit, subtree_q

DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding the code may see: no personal data. `unit_name` names the competent body as a
    body ("UBND phường Đông Kinh", "Thanh tra tỉnh Lạng Sơn"), not its territory."""

    tracking_code: str
    kind: str
    state: str
    state_code: str
    received_on: dt.date
    unit_name: str
    field_name: str
    due_date: dt.date | None
    answer: str
    decision_ref: str
    steps: list[PublicStep]
    can_rate: bool
    rating: int | None


_STEP_LABELS = {
    "receive": gettext_lazy("Đã tiếp nhận đơn"),
    "route": gettext_lazy("Xác định cơ quan có thẩm quyền"),
    "accept": gettext_lazy("Đã thụ lý"),
    "refuse": gettext_lazy("Không thụ lý"),
    "transfer": gettext_lazy("Đã chuyển đơn đến cơ quan có thẩm quyền"),
    "start": gettext_lazy("Đang giải quyết"),
    "resolve": gettext_lazy("Đã giải quyết"),
    "close": gettext_lazy("Đã kết thúc hồ sơ"),
    "withdraw": gettext_lazy("Người gửi đã rút đơn"),
}


@dataclass(frozen=True)
class PublicStep:
    """One dated step of the tracking page; `note` (Vietnamese, public) says where the petition went and why
    when the competent body changed."""

    at: dt.datetime
    label: str
    note: str = ""


def journaled_petition(code: str) -> tuple[Petition, dt.datetime] | None:
    """A submission still in the intake journal, as an unsaved petition, and when it was received."""
    row = IntakeJournal.objects.filter(tracking_code=code, error="").only("payload", "received_at").first()
    if row is None:
        return None
    return rows_of(row.payload)[0], row.received_at


def journal_status() -> tuple[int, float, int]:
    """The intake journal: submissions waiting for the register, the oldest one's wait in seconds, and
    rows left aside with an error."""
    errors = IntakeJournal.objects.exclude(error="").count()
    return services.journal_count(), max(services.journal_waited(), 0.0), errors


def public_status(code: str) -> PublicStatus | None:
    """Status and published answer for a tracking code; None for an unknown code."""
    petition = (
        Petition.objects.filter(tracking_code=normalise_code(code)).select_related("unit", "field").first()
    )
    if petition is None:
        journaled = journaled_petition(normalise_code(code))
        if journaled is None:
            return None
        # Received, not yet entered in the register (a moment after the receipt, see services._journal).
        petition, received_at = journaled
        petition.unit = AdminUnit.objects.get(pk=petition.unit_id)
        petition.field = Field.objects.filter(pk=petition.field_id).first() if petition.field_id else None
        steps = [PublicStep(received_at, str(_STEP_LABELS["receive"]))]
    else:
        steps = [
            PublicStep(h.at, str(_STEP_LABELS.get(h.action, h.action)), h.public_note)
            for h in PetitionHistory.objects.filter(petition=petition, is_public=True)
        ]
    return PublicStatus(
        tracking_code=petition.tracking_code,
        kind=petition.get_kind_display(),
        state=petition.get_state_display(),
        state_code=petition.state,
        received_on=clock.local_date(petition.received_at),
        unit_name=naming.competent_body(petition.unit, petition.kind),
        field_name=petition.field.name if petition.field else "",
        due_date=petition.due_date,
        answer=services.public_answer(petition),
        decision_ref=petition.decision_ref if petition.answer_public else "",
        steps=steps,
        can_rate=petition.state == State.CLOSED and petition.rating is None,
        rating=petition.rating,
    )


def petitions_for(scope: Scope, **filters: Any) -> QuerySet[Petition]:
    """Petitions in the scope, filtered by unit subtree, kind, field, state, due, dates and search text.

    filters: unit (AdminUnit or GSO code), kind, field (code), state, due ("overdue" | "soon"),
    date_from, date_to (dates), q (search text), handler (user).
    """
    qs = scope.filter(Petition.objects.all()).select_related("unit", "field", "handler")
    unit = filters.get("unit")
    narrow = not scope.is_admin and all(path.count("/") > 1 for path in scope.paths())
    if unit:
        if not isinstance(unit, AdminUnit):
            unit = AdminUnit.objects.filter(code=str(unit)).first()
        if unit is None:
            return qs.none()
        qs = qs.filter(subtree_q(unit, "unit__path"))
        narrow = narrow or unit.level > 0
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("field"):
        qs = qs.filter(field__code=filters["field"])
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    today = clock.today()
    if filters.get("due") == "overdue":
        qs = qs.filter(overdue_q(today))  # the indicator's definition (petitions.overdue)
    elif filters.get("due") == "soon":
        qs = qs.filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS), state__in=OPEN_STATES
        )
    if filters.get("date_from"):
        qs = qs.filter(received_at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(received_at__lt=_start_of(filters["date_to"] + dt.timedelta(days=1)))
    if filters.get("handler"):
        qs = qs.filter(handler=filters["handler"])
    if filters.get("q"):
        code = normalise_code(filters["q"])
        if re.fullmatch(r"DV-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code):
            qs = qs.filter(tracking_code=code)
        else:
            qs = search.apply(qs, filters["q"], narrow=narrow)
    return qs.order_by("-received_at", "-id")


def by_identity(qs: QuerySet[Petition], who: str) -> QuerySet[Petition]:
    """Petitions of `qs` whose sender has exactly this phone (8+ digits typed) or this name (any case,
    with or without diacritics), found by their blind indexes. Callers keep only the petitions whose
    sender the person may see."""
    from danvan.petitions.services.identity import phone_key_text

    name_key, phone_key = services.identity_keys(who, who)
    if len(phone_key_text(who)) >= 8:
        return qs.filter(petitioner_phone_key=phone_key)
    return qs.filter(petitioner_name_key=name_key) if name_key else qs.none()


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def petition_for(scope: Scope, pk: int) -> Petition:
    return scope.get_or_404(
        Petition.objects.select_related("unit", "field", "place", "handler", "master"), pk=pk
    )


def deadline_counts(scope: Scope) -> dict[str, int]:
    """Overdue (the `petitions.overdue` indicator's definition, at today) and due-within-3-days counts for
    the user's scope (list counter, dashboard card)."""
    today = clock.today()
    qs = scope.filter(Petition.objects.filter(state__in=OPEN_STATES, due_date__isnull=False))
    return qs.aggregate(
        overdue=Count("id", filter=overdue_q(today)),
        soon=Count(
            "id", filter=Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
        ),
    )


@dataclass(frozen=True)
class DigestLine:
    unit: AdminUnit
    overdue: list[Petition]
    due_soon: list[Petition]


def digest(today: dt.date | None = None) -> list[DigestLine]:
    """Per unit: open petitions overdue and due within 3 days (the daily digest)."""
    today = today or clock.today()
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    rows = (
        Petition.objects.filter(state__in=OPEN_STATES, due_date__lte=horizon)
        .select_related("unit")
        .only("id", "tracking_code", "title", "kind", "due_date", "unit__name", "unit__code", "unit__path")
        .order_by("unit__path", "due_date")
    )
    lines: dict[int, DigestLine] = {}
    for p in rows:
        line = lines.setdefault(p.unit_id, DigestLine(p.unit, [], []))
        assert p.due_date is not None
        (line.overdue if p.due_date < today else line.due_soon).append(p)
    return list(lines.values())


def redacted_content(petition: Petition) -> str:
    """The verifiers' working copy: a denunciation's stored content is already stripped of the identity."""
    return petition.content


def history(petition: Petition) -> QuerySet[PetitionHistory]:
    return petition.history.select_related("actor").all()


@dataclass(frozen=True)
class TimelineStep:
    """One row of a petition's timeline as the officer reads it: words, not action codes."""

    at: dt.datetime
    label: str
    state: str
    who: str
    reason: str


def timeline(petition: Petition) -> list[TimelineStep]:
    """The history in Vietnamese words ("Tiếp nhận", "Thụ lý", "Chuyển đơn"), with people's names."""
    from danvan.petitions.workflow import WORKFLOW

    labels = {name: str(action.label) for name, action in WORKFLOW.actions.items()}
    labels["receive"] = str(_("Tiếp nhận"))
    labels["route"] = str(_("Xác định cơ quan có thẩm quyền"))
    labels["document"] = str(_("Tạo văn bản"))
    steps = []
    for h in history(petition):
        if h.actor is not None:
            who = h.actor.full_name or h.actor.get_username()
        elif h.action in ("receive", "rate", "reply"):
            who = str(_("Người gửi đơn"))
        else:
            who = str(_("Hệ thống"))
        moved = h.to_state and h.to_state != h.from_state
        steps.append(
            TimelineStep(
                at=h.at,
                label=labels.get(h.action, h.action),
                state=WORKFLOW.state_label(h.to_state) if moved else "",
                who=who,
                reason=h.reason,
            )
        )
    return steps


def deadline_countdown(petition: Petition, today: dt.date | None = None) -> tuple[int, str] | None:
    """Days left to the current step's deadline (negative: overdue) and the words for them."""
    if petition.due_date is None or petition.state not in OPEN_STATES:
        return None
    left = (petition.due_date - (today or clock.today())).days
    if left > 0:
        text = _("Còn %(n)s ngày (hạn %(due)s)")
    elif left == 0:
        text = _("Hết hạn hôm nay (%(due)s)")
    else:
        text = _("Quá hạn %(n)s ngày (hạn %(due)s)")
    return left, str(text) % {"n": abs(left), "due": f"{petition.due_date:%d/%m/%Y}"}


def place_text(petition: Petition) -> str:
    """Where the matter arose, without repeating the handling unit's or the place's names."""
    from danvan.territory.names import lookup_key

    known = {
        lookup_key(u.name)
        for u in (
            petition.unit,
            petition.unit.parent,
            petition.place,
            getattr(petition.place, "parent", None),
        )
        if u is not None
    }
    parts = [part.strip() for part in (petition.address_text or "").split(",") if part.strip()]
    kept = [part for part in parts if lookup_key(part) not in known]
    if petition.place is not None and petition.place_id != petition.unit_id:
        kept.append(petition.place.name)
    return ", ".join(kept)


def kinds() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Kind.choices]


def field_corrections(scope: Scope) -> QuerySet[FieldCorrection]:
    """The officers' field decisions on petitions of the scope's units, newest first."""
    return scope.filter(FieldCorrection.objects.select_related("petition", "suggested", "field", "actor"))


# --- the same matter across sources (public: the situation-awareness ledger calls it) ------------------


def group_same_matter(items: Iterable[SourceItem]) -> list[list[SourceItem]]:
    """Group items of any sources (petitions, dialogue questions, situation reports, press events) that
    raise the same concrete matter: the same engine as the petitions' duplicate check
    (`engines.matter.group_items`: candidates by the places, named objects and rare content words they
    share, each pair confirmed by `matter.compare`; same topic at another place kept apart; items whose
    units are different places never grouped). Pure computation on the texts given (no query, no scope:
    the caller passes only what its user may see). Groups come largest first, singletons included,
    items in the order given. Stable: other modules call this, never the engine."""
    from danvan.petitions.engines import matter  # NumPy and MinHash: only when asked

    return matter.group_items(items)
