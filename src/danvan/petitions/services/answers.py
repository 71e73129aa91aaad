"""Answers from templates, and one answer for a whole group of petitions.

- `templates_for(petition)`: the answer templates an officer may start from: the national ones, those of
  the petition's unit and of the units above it, for its kind or for every kind.
- `template_text(...)`: a template's text filled for one petition (`petitions.placeholders`), or raw (the
  group answer fills it per petition).
- `group_of(master)` / `answer_group(...)`: a master petition's group, i.e. the duplicates linked to it
  (`Petition.master`) and the copies a campaign joined to it (`DuplicateCandidate` at the copy score, see
  `petitions.campaigns`), answered at once: every open member the officer may act on is moved through
  `core.workflow.perform` (accept and start when still new, then resolve with the answer filled for it),
  all in one transaction: one refusal and nothing is written, the message names the petition and why.
  Each move runs the workflow hooks, so each citizen who consented hears of it (notifications).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.accounts.scoping import scope_for
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow import Conflict, NotPermitted, Refused
from danvan.petitions.answer_models import AnswerTemplate
from danvan.petitions.models import DuplicateCandidate, Petition, State
from danvan.petitions.rulebook import RULEBOOK
from danvan.petitions.services import placeholders
from danvan.petitions.services.moves import accept, resolve, start
from danvan.petitions.workflow import NEW, OPEN
from danvan.territory.models import AdminUnit

#: similarity from which a campaign letter was joined to its representative (`duplicates.COPY_THRESHOLD`)
COPY_SCORE = 0.7


def templates_for(petition: Petition) -> QuerySet[AnswerTemplate]:
    """The active templates for `petition`: national, its unit's and its upper units', its kind or any."""
    paths = petition.unit.ancestors_paths()
    units = AdminUnit.objects.filter(path__in=paths).values("pk")
    return AnswerTemplate.objects.filter(
        Q(unit__isnull=True) | Q(unit__in=units), Q(kind="") | Q(kind=petition.kind), is_active=True
    ).select_related("unit")


def template_text(*, actor: Any, petition: Petition, template_id: int, raw: bool = False) -> str:
    """The text of one of `templates_for(petition)`, filled for `petition` as `actor` reads it (raw: with its
    placeholders, for a group answer). Refuses an unknown template, placeholder or an empty result."""
    found = templates_for(petition).filter(pk=template_id).first()
    if found is None:
        raise Refused(
            _("Không tìm thấy mẫu trả lời này cho đơn: hãy chọn mẫu trong danh sách."), field="answer"
        )
    if raw:
        placeholders.fill(found.body, {}, strict=False, field="answer")  # unknown names refused here too
        return found.body
    return placeholders.fill_for(petition, found.body, actor)


# --- group answers ------------------------------------------------------------------------------------


def group_of(master: Petition) -> list[Petition]:
    """The master and its group, in order: linked duplicates, then campaign copies joined to it."""
    copies = DuplicateCandidate.objects.filter(candidate=master, score__gte=COPY_SCORE).values("petition")
    members = (
        Petition.objects.filter(Q(master=master) | Q(pk__in=copies, master__isnull=True))
        .exclude(pk=master.pk)
        .select_related("unit", "field")
        .order_by("received_at", "pk")
    )
    return [master, *members]


def has_group(master: Petition) -> bool:
    if master.master_id is not None:
        return False
    copies = DuplicateCandidate.objects.filter(candidate=master, score__gte=COPY_SCORE).values("petition")
    return (
        Petition.objects.filter(Q(master=master) | Q(pk__in=copies, master__isnull=True))
        .exclude(pk=master.pk)
        .exists()
    )


@dataclass(frozen=True)
class Member:
    petition: Petition
    answered: bool  # will be answered by the group answer
    note: str  # why not (closed, outside the officer's rights)


def may_answer(actor: Any, petition: Petition) -> bool:
    """The officer may take `petition` to its answer: she sees it and the rulebook lets her accept, start and
    resolve it (the moves a still new member goes through)."""
    if not scope_for(actor).can_see(petition.unit):
        return False
    needed = ["resolve"]
    if petition.state in NEW:
        needed += ["accept", "start"]
    elif petition.state == State.ACCEPTED:
        needed.append("start")
    return all(RULEBOOK.allows(actor, action, petition) for action in needed)


def members(actor: Any, master: Petition) -> list[Member]:
    out = []
    for p in group_of(master):
        if p.state not in OPEN:
            out.append(Member(p, False, _("đã %(state)s") % {"state": str(p.get_state_display()).lower()}))
        elif not may_answer(actor, p):
            out.append(Member(p, False, _("ngoài quyền xử lý của bạn")))
        else:
            out.append(Member(p, True, ""))
    return out


class GroupRefused(Refused):
    """A group answer refused as a whole (nothing written): names the petition and why."""


def answer_group(
    *,
    actor: Any,
    master: Petition,
    answer: str,
    decision_ref: str = "",
    answer_public: bool = False,
    withhold_reason: str = "",
    versions: Mapping[int, int] | None = None,
) -> list[Petition]:
    """Answer every open member of `master`'s group that `actor` may act on with `answer` (its placeholders
    filled per petition), in one transaction. `versions` (petition id → version shown on the page) detects
    a member moved, or a group changed, since the officer looked. Returns the answered petitions."""
    if not answer.strip():
        raise Refused(_("Hãy nhập nội dung trả lời, kết quả giải quyết."), field="answer")
    if master.master_id is not None:
        raise Refused(_("Đơn này là đơn trùng: hãy trả lời cả nhóm từ đơn gốc."))
    chosen = [m.petition for m in members(actor, master) if m.answered]
    if not chosen:
        raise Refused(_("Trong nhóm không còn đơn đang mở mà bạn được trả lời."))
    if versions is not None and {p.pk for p in chosen} != set(versions):
        raise Conflict(
            _(
                "Nhóm đơn vừa thay đổi (có đơn được thêm, chuyển hoặc kết thúc). Hãy tải lại trang rồi trả lời lại."
            )
        )
    done: list[Petition] = []
    with transaction.atomic():
        for p in chosen:
            try:
                text = placeholders.fill_for(p, answer, actor)
                version = versions.get(p.pk) if versions is not None else None
                group_note = _("Trả lời theo nhóm đơn %(code)s") % {"code": master.tracking_code}
                if p.state in NEW:
                    p = accept(actor=actor, petition=p, version=version, reason=group_note)
                    version = p.version if version is not None else None
                if p.state == State.ACCEPTED:
                    p = start(actor=actor, petition=p, version=version, reason=group_note)
                    version = p.version if version is not None else None
                p = resolve(
                    actor=actor,
                    petition=p,
                    answer=text,
                    decision_ref=decision_ref,
                    answer_public=answer_public,
                    withhold_reason=withhold_reason,
                    version=version,
                )
            except (Refused, NotPermitted) as exc:
                raise GroupRefused(
                    _("Không trả lời được đơn %(code)s: %(why)s Chưa ghi đơn nào của nhóm.")
                    % {"code": p.tracking_code, "why": _sentence(str(exc))},
                    field=getattr(exc, "field", None) or "answer",
                ) from exc
            done.append(p)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=master,
            unit=master.unit,
            summary=f"Trả lời cả nhóm đơn {master.tracking_code}: {len(done)} đơn",
            changes={"answered": [None, [p.tracking_code for p in done]]},
        )
    return done


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
