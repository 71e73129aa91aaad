"""Contests (hội thi): a unit organises one with criteria and rounds, names its jury, takes entries from
units of its area, the judges score each entry, and the results are published (then frozen)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scoping import scope_for
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow import NotPermitted, Refused, perform
from danvan.exemplars.models import (
    Contest,
    ContestCriterion,
    ContestEntry,
    ContestJudge,
    ContestRound,
    ContestScore,
    Exemplar,
)
from danvan.exemplars.rulebook import RULEBOOK
from danvan.exemplars.services.evaluation import CriterionInput, parse_score
from danvan.exemplars.workflow import CONTEST
from danvan.territory.models import AdminUnit


def create_contest(
    *,
    actor: Any,
    unit: AdminUnit,
    name: str,
    year: int,
    description: str = "",
    criteria: Sequence[CriterionInput],
    rounds: Sequence[str] = ("Vòng sơ khảo", "Vòng chung kết"),
    is_demo: bool = False,
) -> Contest:
    errors = []
    if len(name.strip()) < 5:
        errors.append("Hãy ghi tên hội thi (ít nhất 5 ký tự).")
    if not criteria:
        errors.append("Hội thi phải có ít nhất một tiêu chí chấm.")
    if not [r for r in rounds if r.strip()]:
        errors.append("Hội thi phải có ít nhất một vòng thi.")
    for i, c in enumerate(criteria, start=1):
        if not c.text.strip() or c.max_score <= 0:
            errors.append(f"Tiêu chí {i}: hãy ghi nội dung và điểm tối đa lớn hơn 0.")
    if errors:
        raise Refused(" ".join(errors))
    RULEBOOK.require(actor, "create_contest", unit)
    with transaction.atomic():
        contest = Contest.objects.create(
            unit=unit,
            name=name.strip(),
            year=year,
            description=description.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        ContestCriterion.objects.bulk_create(
            [
                ContestCriterion(contest=contest, order=i, text=c.text.strip(), max_score=c.max_score)
                for i, c in enumerate(criteria, start=1)
            ]
        )
        ContestRound.objects.bulk_create(
            [
                ContestRound(contest=contest, order=i, name=r.strip())
                for i, r in enumerate(rounds, 1)
                if r.strip()
            ]
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=contest,
            unit=unit,
            summary=f"Tổ chức hội thi “{contest.name[:150]}”",
            changes={"criteria": [None, len(criteria)], "rounds": [None, len(rounds)]},
        )
    return contest


def add_contest_judge(*, actor: Any, contest: Contest, user: Any) -> ContestJudge:
    added: list[ContestJudge] = []

    def apply(locked: Contest) -> dict[str, Any]:
        if not scope_for(user).can_see(locked.unit):
            raise Refused(
                _("%(user)s không có phạm vi tại %(name)s nên không thể làm giám khảo.")
                % {"user": user, "name": locked.unit.name},
                field="user",
            )
        judge, created = ContestJudge.objects.get_or_create(contest=locked, user=user)
        if not created:
            raise Refused(_("%(user)s đã là giám khảo của hội thi.") % {"user": user}, field="user")
        added.append(judge)
        return {"judge": [None, getattr(user, "username", str(user))]}

    perform(CONTEST, "add_judge", actor=actor, record=contest, apply=apply, reason=f"Giám khảo {user}")
    return added[0]


def add_contest_entry(
    *, actor: Any, round: ContestRound, unit: AdminUnit, title: str, exemplar: Exemplar | None = None
) -> ContestEntry:
    if len(title.strip()) < 3:
        raise Refused(_("Hãy ghi tên bài dự thi."), field="title")
    added: list[ContestEntry] = []

    def apply(locked: Contest) -> dict[str, Any]:
        if not locked.unit.contains(unit):
            raise Refused(_("%(name)s không thuộc địa bàn của hội thi.") % {"name": unit.name}, field="unit")
        if exemplar is not None and exemplar.unit_id != unit.pk:
            raise Refused(_("Mô hình dự thi phải do chính đơn vị dự thi đăng ký."), field="unit")
        if ContestEntry.objects.filter(round=round, unit=unit, title=title.strip()).exists():
            raise Refused(_("Bài dự thi này đã có trong vòng thi."), field="title")
        added.append(
            ContestEntry.objects.create(round=round, unit=unit, title=title.strip(), exemplar=exemplar)
        )
        return {"entry": [None, f"{unit.code}: {title.strip()[:100]}"]}

    perform(
        CONTEST,
        "add_entry",
        actor=actor,
        record=round.contest_id,
        apply=apply,
        reason=f"{unit.name} dự thi “{title.strip()[:120]}” ({round.name})",
    )
    return added[0]


def score_contest_entry(*, actor: Any, entry: ContestEntry, scores: dict[int, Any]) -> list[ContestScore]:
    """A judge's scoring sheet for one entry."""
    contest = Contest.objects.select_related("unit").get(pk=entry.round.contest_id)
    if not RULEBOOK.allows(actor, "score_entry", contest):
        raise NotPermitted(_("Bạn không phải giám khảo của hội thi này."))
    saved: list[ContestScore] = []

    def apply(locked: Contest) -> dict[str, Any]:
        criteria = list(locked.criteria.all())
        errors: list[str] = []
        values: dict[int, Decimal] = {}
        for c in criteria:
            value = parse_score(scores.get(c.pk))
            if value is None:
                errors.append(f"Tiêu chí “{c.text}”: chưa nhập điểm.")
            elif value.is_nan() or not Decimal(0) <= value <= c.max_score:
                errors.append(f"Tiêu chí “{c.text}”: điểm phải từ 0 đến {c.max_score.normalize():f}.")
            else:
                values[c.pk] = value
        if errors:
            raise Refused(" ".join(errors))
        saved.extend(
            ContestScore.objects.update_or_create(
                entry=entry, judge_id=actor.pk, criterion=c, defaults={"value": values[c.pk]}
            )[0]
            for c in criteria
        )
        return {"scores": [None, {str(k): str(v) for k, v in values.items()}]}

    perform(
        CONTEST,
        "score_entry",
        actor=actor,
        record=contest,
        apply=apply,
        reason=f"Chấm bài “{entry.title[:120]}”",
    )
    return saved


def publish_contest(*, actor: Any, contest: Contest) -> Contest:
    def apply(locked: Contest) -> None:
        if not ContestScore.objects.filter(entry__round__contest=locked).exists():
            raise Refused(_("Chưa có phiếu chấm nào; chưa thể công bố kết quả."))
        locked.published_at = timezone.now()

    return perform(CONTEST, "publish_contest", actor=actor, record=contest, apply=apply)
