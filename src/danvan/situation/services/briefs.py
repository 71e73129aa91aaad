"""The weekly situation brief of a unit: drafted from the week's material, edited, sent up, received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.situation import selectors
from danvan.situation.models import Brief
from danvan.situation.periods import week_start as monday
from danvan.situation.rulebook import RULEBOOK
from danvan.situation.services.guard import check_free_text
from danvan.situation.workflow import BRIEF
from danvan.territory.models import AdminUnit

TEXTS = ("rising", "hotspots", "polls", "reports", "proposals")
MAX_TEXT = 20000


def draft_texts(unit: AdminUnit, week: dt.date) -> dict[str, str]:
    m = selectors.brief_material(unit, week)
    rising = [
        f"- {a.topic.name}, {a.unit.name}: {a.count} tín hiệu trong tuần (mức nền {a.baseline:.1f}/tuần)"
        + (" – đã xử lý" if a.state == "answered" else " – chưa xử lý")
        for a in m.rising
    ]
    rising += [
        f"- {r.topic}, {r.unit}: {r.n} tín hiệu trong 7 ngày từ {r.sources} nguồn"
        for r in m.top[:5]
        if r.n > 1
    ]
    hot = [
        f"- {h.title} ({h.unit.name}; nguy cơ {h.get_risk_display().lower()}; {h.get_state_display().lower()}, "
        f"mở ngày {h.opened_on:%d/%m/%Y}"
        + ("" if h.unit.path.startswith(unit.path) else f"; {unit.name} cùng chịu trách nhiệm")
        + ")"
        for h in m.hotspots
    ]
    polls = [f"- {p.title}: {n} phiếu trả lời ({p.get_state_display().lower()})" for p, n in m.polls]
    reports = [
        f"Trong tuần nhận {m.filed} báo cáo của cộng tác viên, trong đó {m.late} báo cáo nộp muộn; "
        f"{m.missing} cộng tác viên chưa nộp báo cáo định kỳ đã quá hạn."
    ]
    return {
        "rising": "\n".join(rising) or "Không có vấn đề nổi lên trong tuần.",
        "hotspots": "\n".join(hot) or "Không có điểm nóng đang theo dõi.",
        "polls": "\n".join(polls) or "Không có cuộc thăm dò trong tuần.",
        "reports": "\n".join(reports),
        "proposals": "",
    }


def draft_brief(*, actor: Any, unit: AdminUnit, week: dt.date, is_demo: bool = False) -> Brief:
    """The brief of `unit` for the week containing `week`, drafted from the material (one per week)."""
    RULEBOOK.require(actor, "draft_brief", unit)
    start = monday(week)
    if start > clock.today():
        raise Refused(_("Tuần đã chọn chưa bắt đầu."), field="week")
    if Brief.objects.filter(unit=unit, week_start=start).exists():
        raise Refused(_("Đơn vị đã có bản tin của tuần này: hãy mở bản tin đó để sửa."), field="week")
    texts = draft_texts(unit, start)
    try:
        with transaction.atomic():
            brief = Brief.objects.create(
                unit=unit, week_start=start, created_at=clock.now(), is_demo=is_demo, **texts
            )
            history_row(BRIEF, brief, actor=actor, action="draft_brief", from_state="").save()
            audit.record(actor=actor, action=AuditAction.CREATE, obj=brief, unit=unit, summary=f"Lập {brief}")
    except IntegrityError as exc:
        raise Refused(
            _("Đơn vị đã có bản tin của tuần này: hãy mở bản tin đó để sửa."), field="week"
        ) from exc
    return brief


def edit_brief(*, actor: Any, brief: Brief, data: dict[str, str], version: int | None = None) -> Brief:
    clean: dict[str, str] = {}
    for name in TEXTS:
        value = (data.get(name) or "").strip()
        if len(value) > MAX_TEXT:
            raise Refused(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": MAX_TEXT}, field=name)
        clean[name] = check_free_text(
            value,
            field=name,
            label=str(getattr(Brief._meta.get_field(name), "verbose_name", name)).capitalize(),
        )
    extra = {
        "number": (data.get("number") or "").strip()[:40],
        "signer_title": (data.get("signer_title") or "").strip()[:150],
        "signer_name": (data.get("signer_name") or "").strip()[:150],
    }

    def apply(locked: Brief) -> None:
        for k, v in {**clean, **extra}.items():
            setattr(locked, k, v)

    return perform(BRIEF, "edit_brief", actor=actor, record=brief, version=version, apply=apply)


def send_brief(*, actor: Any, brief: Brief, version: int | None = None) -> Brief:
    if brief.unit.parent_id is None:
        raise Refused(_("Đơn vị cấp trung ương không gửi bản tin lên cấp trên."), field=None)

    def apply(locked: Brief) -> None:
        locked.sent_on = clock.today()

    return perform(BRIEF, "send_brief", actor=actor, record=brief, version=version, apply=apply)


def receive_brief(*, actor: Any, brief: Brief, version: int | None = None) -> Brief:
    return perform(BRIEF, "receive_brief", actor=actor, record=brief, version=version)
