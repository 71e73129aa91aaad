"""Hotspots (điểm nóng): opened by an officer (from a rising issue or directly), linked to the records
they follow by id and number only, given tasks with deadlines, escalated to the unit above, closed with
the lesson learned. A denunciator's identity never enters: the texts are checked (`guard`) against the
identity of every linked petition as well as for phones, ID numbers, e-mails and house numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.scoping import scope_for
from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.engagement import selectors as engagement
from danvan.petitions import selectors as petitions
from danvan.petitions import services as petition_services
from danvan.press import selectors as press
from danvan.situation.models import (
    AlertState,
    Hotspot,
    HotspotLink,
    HotspotState,
    HotspotTask,
    RiseAlert,
    Risk,
    SituationReport,
    Source,
    Topic,
)
from danvan.situation.rulebook import RULEBOOK
from danvan.situation.services.alerts import answer_alert
from danvan.situation.services.guard import check_free_text
from danvan.situation.services.signals import EVERYTHING
from danvan.situation.workflow import HOTSPOT
from danvan.territory.models import AdminUnit


def _identities(links: Iterable[HotspotLink]) -> list[dict[str, str]]:
    """The declared identities of the linked petitions' senders, held in memory for the check only."""
    ids = [link.source_id for link in links if link.source == Source.PETITION]
    if not ids:
        return []
    rows = petitions.petitions_for(EVERYTHING).filter(pk__in=ids)
    return [petition_services.identity_of(p) for p in rows]


def resolve_link(actor: Any, source: str, ref: str) -> tuple[int, str]:
    """(id, number) of a record the actor may see, from its id or number; `Refused` otherwise."""
    ref = (ref or "").strip()
    scope = scope_for(actor)
    not_found = Refused(
        _("Không tìm thấy hồ sơ “%(ref)s” trong phạm vi của bạn.") % {"ref": ref[:40]}, field="ref"
    )
    if not ref:
        raise Refused(_("Hãy nhập số hiệu hoặc mã của hồ sơ cần liên kết."), field="ref")
    if source == Source.PETITION:
        qs = petitions.petitions_for(scope)
        row = qs.filter(tracking_code=ref.upper()).values_list("id", "tracking_code").first()
        if row is None and ref.isdigit():
            row = qs.filter(pk=int(ref)).values_list("id", "tracking_code").first()
        if row is None:
            raise not_found
        return int(row[0]), str(row[1])
    if not ref.isdigit():
        raise Refused(_("Hãy nhập mã số của hồ sơ (chỉ gồm chữ số)."), field="ref")
    pk = int(ref)
    if source == Source.REPORT:
        if not scope.filter(SituationReport.objects.filter(pk=pk)).exists():
            raise not_found
        return pk, f"BC{pk}"
    if source == Source.DIALOGUE:
        if not engagement.dialogues(scope).filter(pk=pk).exists():
            raise not_found
        return pk, f"HN{pk}"
    if source == Source.PRESS:
        if not press.visible_events(scope).filter(pk=pk).exists():
            raise not_found
        return pk, f"SK{pk}"
    raise Refused(_("Loại hồ sơ không hợp lệ."), field="source")


def _check_responsible(actor: Any, units: Sequence[AdminUnit]) -> None:
    """The responsible units must be units the actor sees (their scope), like the picker offers."""
    scope = scope_for(actor)
    for u in units:
        if not scope.can_see(u):
            raise Refused(
                _("Đơn vị chịu trách nhiệm %(u)s ngoài phạm vi của bạn.") % {"u": u.name}, field="responsible"
            )


def open_hotspot(
    *,
    actor: Any,
    unit: AdminUnit,
    title: str,
    topic: Topic,
    risk: str,
    summary: str,
    responsible: Sequence[AdminUnit] = (),
    links: Sequence[tuple[str, str]] = (),
    alert: RiseAlert | None = None,
    is_demo: bool = False,
) -> Hotspot:
    RULEBOOK.require(actor, "open_hotspot", unit)
    if risk not in Risk.values:
        raise Refused(_("Mức độ nguy cơ không hợp lệ."), field="risk")
    title = " ".join((title or "").split())[:250]
    if not title:
        raise Refused(_("Hãy nhập tên điểm nóng."), field="title")
    if not (summary or "").strip():
        raise Refused(_("Hãy mô tả diễn biến."), field="summary")
    resolved = [
        HotspotLink(source=s, source_id=i, code=c)
        for s, ref in links
        for i, c in [resolve_link(actor, s, ref)]
    ]
    identities = _identities(resolved)
    title = check_free_text(title, field="title", identities=identities, label=_("Tên điểm nóng"))
    summary = check_free_text(summary, field="summary", identities=identities, label=_("Diễn biến"))
    _check_responsible(actor, responsible)
    with transaction.atomic():
        h = Hotspot.objects.create(
            unit=unit,
            title=title,
            topic=topic,
            risk=risk,
            summary=summary,
            opened_on=clock.today(),
            alert=alert,
            created_by=actor,
            is_demo=is_demo,
        )
        h.responsible.set(responsible or [unit])
        for link in resolved:
            link.hotspot = h
        HotspotLink.objects.bulk_create(resolved, ignore_conflicts=True)
        history_row(HOTSPOT, h, actor=actor, action="open_hotspot", from_state="").save()
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=h, unit=unit, summary=f"Mở điểm nóng “{h.title}”"
        )
        if alert is not None and alert.state == AlertState.NEW:
            answer_alert(actor=actor, alert=alert, answer=_("Đã mở điểm nóng “%(t)s”.") % {"t": h.title})
    return h


def link(*, actor: Any, hotspot: Hotspot, source: str, ref: str, version: int | None = None) -> Hotspot:
    pk, code = resolve_link(actor, source, ref)

    def apply(locked: Hotspot) -> dict[str, Any]:
        _obj, created = HotspotLink.objects.get_or_create(
            hotspot=locked, source=source, source_id=pk, defaults={"code": code}
        )
        if not created:
            raise Refused(_("Hồ sơ này đã được liên kết."), field="ref")
        return {"link": [None, f"{source}:{code}"]}

    return perform(
        HOTSPOT,
        "update_hotspot",
        actor=actor,
        record=hotspot,
        version=version,
        reason=f"Liên kết {code}",
        apply=apply,
    )


def set_responsible(
    *, actor: Any, hotspot: Hotspot, units: Sequence[AdminUnit], version: int | None = None
) -> Hotspot:
    """The units responsible for the hotspot (at least one, each in the actor's scope): their officers
    see it in their register."""
    chosen = list(dict.fromkeys(units))
    if not chosen:
        raise Refused(_("Hãy chọn ít nhất một đơn vị chịu trách nhiệm."), field="responsible")
    _check_responsible(actor, chosen)

    def apply(locked: Hotspot) -> dict[str, Any]:
        before = sorted(u.code for u in locked.responsible.all())
        locked.responsible.set(chosen)
        return {"responsible": [", ".join(before), ", ".join(sorted(u.code for u in chosen))]}

    return perform(
        HOTSPOT,
        "update_hotspot",
        actor=actor,
        record=hotspot,
        version=version,
        reason="Đơn vị chịu trách nhiệm: " + "; ".join(u.name for u in chosen),
        apply=apply,
    )


def add_task(
    *, actor: Any, hotspot: Hotspot, text: str, owner: AdminUnit, due_on: dt.date, version: int | None = None
) -> Hotspot:
    identities = _identities(hotspot.links.all())
    text = check_free_text(
        " ".join((text or "").split())[:500], field="text", identities=identities, label=_("Việc cần làm")
    )
    if not text:
        raise Refused(_("Hãy nhập việc cần làm."), field="text")
    if due_on < clock.today():
        raise Refused(_("Hạn thực hiện đã qua: hãy chọn một ngày từ hôm nay trở đi."), field="due_on")
    if not scope_for(actor).can_see(owner) and not owner.path.startswith(hotspot.unit.path):
        raise Refused(_("Đơn vị thực hiện ngoài phạm vi của bạn."), field="owner")

    def apply(locked: Hotspot) -> None:
        HotspotTask.objects.create(hotspot=locked, text=text, owner=owner, due_on=due_on)

    return perform(
        HOTSPOT, "update_hotspot", actor=actor, record=hotspot, version=version, reason=text, apply=apply
    )


def complete_task(*, actor: Any, hotspot: Hotspot, task_id: int, version: int | None = None) -> Hotspot:
    def apply(locked: Hotspot) -> None:
        task = HotspotTask.objects.filter(hotspot=locked, pk=task_id, done_on__isnull=True).first()
        if task is None:
            raise Refused(_("Việc này không thuộc điểm nóng hoặc đã hoàn thành."), field="task_id")
        task.done_on = clock.today()
        task.save(update_fields=["done_on"])

    return perform(
        HOTSPOT,
        "update_hotspot",
        actor=actor,
        record=hotspot,
        version=version,
        reason="Hoàn thành việc",
        apply=apply,
    )


def escalate(*, actor: Any, hotspot: Hotspot, reason: str, version: int | None = None) -> Hotspot:
    reason = check_free_text(
        reason, field="reason", identities=_identities(hotspot.links.all()), label=_("Lý do")
    )
    if not reason:
        raise Refused(_("Hãy ghi lý do báo cáo lên cấp trên."), field="reason")
    parent = hotspot.unit.parent
    if parent is None:
        raise Refused(_("Đơn vị này không có cấp trên."), field="reason")

    def apply(locked: Hotspot) -> None:
        locked.escalated_to = parent

    return perform(
        HOTSPOT, "escalate", actor=actor, record=hotspot, version=version, reason=reason, apply=apply
    )


def close_hotspot(*, actor: Any, hotspot: Hotspot, lesson: str, version: int | None = None) -> Hotspot:
    lesson = check_free_text(
        lesson, field="lesson", identities=_identities(hotspot.links.all()), label=_("Bài học kinh nghiệm")
    )
    if not lesson:
        raise Refused(_("Hãy ghi bài học kinh nghiệm khi kết thúc điểm nóng."), field="lesson")

    def apply(locked: Hotspot) -> None:
        locked.lesson = lesson
        locked.closed_on = clock.today()

    return perform(
        HOTSPOT, "close_hotspot", actor=actor, record=hotspot, version=version, reason=lesson, apply=apply
    )


__all__ = [
    "HotspotState",
    "add_task",
    "close_hotspot",
    "complete_task",
    "escalate",
    "link",
    "open_hotspot",
    "resolve_link",
]
