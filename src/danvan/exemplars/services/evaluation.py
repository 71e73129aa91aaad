"""Evaluation and recognition: the province's criteria, the council, its scoring sheets, the decision
(recognised at a level, or not) and the yearly review that retires a model no longer effective.

The movement's regulations hold here (see `danvan.exemplars.rulebook`): a body recognises at its own
level or below; recognition needs the council's quorum; recognising against the council's proposal is a
head's decision with a reason; whoever registered or submitted an exemplar never sits on its council.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from danvan.accounts.models import User
from danvan.accounts.scoping import scope_for
from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import NotPermitted, Refused, perform
from danvan.exemplars import selectors
from danvan.exemplars.models import (
    Award,
    CriteriaSet,
    Criterion,
    Evaluation,
    Exemplar,
    Judge,
    RecognitionLevel,
    Score,
)
from danvan.exemplars.rulebook import RULEBOOK, recognition_levels, submitters
from danvan.exemplars.workflow import EXEMPLAR
from danvan.territory.models import AdminUnit, Level

# The movement's recognition criteria (../shared/legal/RULES.md), seeded for each province and year.
DEFAULT_CRITERIA: tuple[str, ...] = (
    "Có tên gọi cụ thể, địa chỉ, địa bàn thực hiện rõ ràng",
    "Nội dung thuộc một lĩnh vực (kinh tế; văn hóa – xã hội; quốc phòng – an ninh; "
    "xây dựng hệ thống chính trị)",
    "Do cấp ủy, chính quyền lãnh đạo, chỉ đạo; đăng ký với cơ quan phát động phong trào",
    "Huy động được nhiều lực lượng tham gia",
    "Kết quả thiết thực, đo đếm được",
    "Được nhân dân đồng tình, ủng hộ",
    "Giải quyết được nhiệm vụ khó ở địa phương",
    "Bền vững, có khả năng nhân rộng",
)
DEFAULT_MAX_SCORE = Decimal(10)
DEFAULT_PASS_PERCENT = 70


# --- criteria ----------------------------------------------------------------------------------------
def province_of(unit: AdminUnit) -> AdminUnit:
    if unit.level == Level.PROVINCE:
        return unit
    if unit.level == Level.COMMUNE and unit.parent_id is not None:
        return AdminUnit.objects.get(pk=unit.parent_id)
    return unit  # the nation: central criteria


def ensure_criteria_set(*, province: AdminUnit, year: int, actor: Any = None) -> CriteriaSet:
    """The province's criteria for the year, seeded from the movement's defaults when missing."""
    with transaction.atomic():
        criteria_set, created = CriteriaSet.objects.get_or_create(
            unit=province,
            year=year,
            defaults={
                "name": f"Tiêu chí “Dân vận khéo” {province.name} năm {year}",
                "pass_percent": DEFAULT_PASS_PERCENT,
            },
        )
        if created:
            Criterion.objects.bulk_create(
                [
                    Criterion(criteria_set=criteria_set, order=i, text=text, max_score=DEFAULT_MAX_SCORE)
                    for i, text in enumerate(DEFAULT_CRITERIA, start=1)
                ]
            )
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=criteria_set,
                unit=province,
                summary=f"Tạo bộ tiêu chí {year} của {province.name} từ tiêu chí mặc định của phong trào",
                changes={"criteria": [None, len(DEFAULT_CRITERIA)]},
            )
    return criteria_set


@dataclass(frozen=True)
class CriterionInput:
    text: str
    max_score: Decimal
    min_score: Decimal = Decimal(0)


def update_criteria(
    *,
    actor: Any,
    criteria_set: CriteriaSet,
    name: str,
    pass_percent: int,
    criteria: Sequence[CriterionInput],
    version: int,
) -> CriteriaSet:
    errors = []
    if not criteria:
        errors.append("Bộ tiêu chí phải có ít nhất một tiêu chí.")
    if not 1 <= pass_percent <= 100:
        errors.append("Ngưỡng đề nghị công nhận phải từ 1 đến 100 (%).")
    for i, c in enumerate(criteria, start=1):
        if not c.text.strip():
            errors.append(f"Tiêu chí {i}: hãy ghi nội dung.")
        if c.max_score <= c.min_score:
            errors.append(f"Tiêu chí {i}: điểm tối đa phải lớn hơn điểm tối thiểu.")
    if errors:
        raise Refused(" ".join(errors))
    with transaction.atomic():
        locked = CriteriaSet.objects.select_for_update().select_related("unit").get(pk=criteria_set.pk)
        RULEBOOK.require(actor, "edit_criteria", locked)
        if locked.version != version:
            raise Refused(gettext("Bộ tiêu chí vừa được người khác sửa. Hãy tải lại trang rồi sửa lại."))
        if Score.objects.filter(criterion__criteria_set=locked).exists():
            raise Refused(
                gettext(
                    "Bộ tiêu chí đã được dùng để chấm điểm nên không sửa được; thay đổi sẽ áp dụng cho năm sau."
                )
            )
        before = {
            "name": locked.name,
            "pass_percent": locked.pass_percent,
            "criteria": [f"{c.text} ({c.min_score}–{c.max_score})" for c in locked.criteria.all()],
        }
        locked.criteria.all().delete()
        Criterion.objects.bulk_create(
            [
                Criterion(
                    criteria_set=locked,
                    order=i,
                    text=c.text.strip(),
                    min_score=c.min_score,
                    max_score=c.max_score,
                )
                for i, c in enumerate(criteria, start=1)
            ]
        )
        locked.name = name.strip() or locked.name
        locked.pass_percent = pass_percent
        locked.version += 1
        locked.save()
        after = {
            "name": locked.name,
            "pass_percent": locked.pass_percent,
            "criteria": [f"{c.text.strip()} ({c.min_score}–{c.max_score})" for c in criteria],
        }
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Sửa bộ tiêu chí {locked.year} của {locked.unit.name}",
            changes=audit.diff(before, after),
        )
    return locked


# --- evaluation --------------------------------------------------------------------------------------
def _judge_users(user_ids: Iterable[int]) -> list[Any]:
    ids = list(dict.fromkeys(user_ids))
    users = list(User.objects.filter(pk__in=ids, is_active=True))
    if len(users) != len(ids):
        raise Refused(
            gettext("Có thành viên hội đồng không tồn tại hoặc đã bị khóa tài khoản."), field="judges"
        )
    return users


def open_evaluation(
    *, actor: Any, exemplar: Exemplar, judge_ids: Sequence[int], version: int | None = None
) -> Evaluation:
    """Submitted → under evaluation: freeze the province's criteria for the year and name the council.

    Nobody who registered or submitted the exemplar may sit on its council (separation of duties)."""
    if not judge_ids:
        raise Refused(gettext("Hãy chọn ít nhất một thành viên hội đồng chấm điểm."), field="judges")
    judges = _judge_users(judge_ids)
    created: list[Evaluation] = []

    def apply(locked: Exemplar) -> dict[str, Any]:
        excluded = submitters(locked)
        for judge in judges:
            if judge.pk in excluded:
                raise Refused(
                    gettext(
                        "%(judge)s đã đăng ký hoặc gửi hồ sơ này nên không thể là thành viên hội đồng thẩm định (người đề nghị không tự chấm hồ sơ của mình)."
                    )
                    % {"judge": judge},
                    field="judges",
                )
            if not scope_for(judge).can_see(locked.unit):
                raise Refused(
                    gettext("%(judge)s không có phạm vi tại %(name)s nên không thể là thành viên hội đồng.")
                    % {"judge": judge, "name": locked.unit.name},
                    field="judges",
                )
        criteria_set = ensure_criteria_set(province=province_of(locked.unit), year=locked.year, actor=actor)
        evaluation = Evaluation.objects.create(exemplar=locked, criteria_set=criteria_set, opened_by=actor)
        Judge.objects.bulk_create([Judge(evaluation=evaluation, user=j) for j in judges])
        created.append(evaluation)
        return {"judges": [None, [j.username for j in judges]], "criteria_set": [None, criteria_set.pk]}

    perform(
        EXEMPLAR,
        "open_evaluation",
        actor=actor,
        record=exemplar,
        version=version,
        apply=apply,
        reason=f"Mở thẩm định ({len(judges)} thành viên hội đồng)",
    )
    return created[0]


def parse_score(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return Decimal("NaN")
    return value


def score_exemplar(*, actor: Any, exemplar: Exemplar, scores: dict[int, Any]) -> list[Score]:
    """A council member's scoring sheet: one score per criterion, each within the criterion's range."""
    if not RULEBOOK.allows(actor, "score", exemplar):
        if actor.pk in submitters(exemplar):
            raise NotPermitted(gettext("Bạn đã đăng ký hoặc gửi hồ sơ này nên không chấm điểm hồ sơ."))
        raise NotPermitted(gettext("Bạn không phải thành viên hội đồng thẩm định hồ sơ này."))
    saved: list[Score] = []

    def apply(locked: Exemplar) -> dict[str, Any]:
        evaluation = Evaluation.objects.select_related("criteria_set").get(exemplar=locked)
        criteria = list(evaluation.criteria_set.criteria.all())
        errors: list[str] = []
        values: dict[int, Decimal] = {}
        for c in criteria:
            value = parse_score(scores.get(c.pk))
            if value is None:
                errors.append(f"Tiêu chí “{c.text}”: chưa nhập điểm.")
            elif value.is_nan() or not c.min_score <= value <= c.max_score:
                errors.append(
                    f"Tiêu chí “{c.text}”: điểm phải từ {c.min_score.normalize():f} "
                    f"đến {c.max_score.normalize():f}."
                )
            else:
                values[c.pk] = value
        if set(scores) - {c.pk for c in criteria}:
            errors.append("Có tiêu chí không thuộc bộ tiêu chí của hồ sơ này.")
        if errors:
            raise Refused(" ".join(errors))
        before = {
            str(s.criterion_id): str(s.value)
            for s in Score.objects.filter(evaluation=evaluation, judge_id=actor.pk)
        }
        for c in criteria:
            score, _ = Score.objects.update_or_create(
                evaluation=evaluation, judge_id=actor.pk, criterion=c, defaults={"value": values[c.pk]}
            )
            saved.append(score)
        return audit.diff(before, {str(k): str(v) for k, v in values.items()})

    perform(
        EXEMPLAR,
        "score",
        actor=actor,
        record=exemplar,
        apply=apply,
        summary=f"Chấm điểm “{exemplar.name[:120]}”",
    )
    return saved


def _check_decision(
    actor: Any, locked: Exemplar, *, recognise: bool, reason: str, level: str | None = None
) -> None:
    """The regulations of a decision: the body's level, the council's quorum, its proposal followed or
    overridden by a head with a reason."""
    if level is not None and level not in recognition_levels(actor, locked):
        raise NotPermitted(
            gettext(
                "Đơn vị của bạn không thể công nhận ở “%(label)s”: mỗi cấp chỉ công nhận ở cấp mình hoặc cấp dưới."
            )
            % {"label": RecognitionLevel(level).label},
            field="level",
        )
    evaluation = Evaluation.objects.select_related("criteria_set").filter(exemplar_id=locked.pk).first()
    summary = selectors.evaluation_summary(evaluation) if evaluation is not None else None
    if recognise and (summary is None or not summary.quorum_met):
        done = summary.complete_sheets if summary else 0
        total = len(summary.sheets) if summary else 0
        raise Refused(
            gettext(
                "Chưa đủ phiếu chấm của hội đồng (%(done)s/%(total)s thành viên đã chấm đủ; cần quá nửa số thành viên): chưa thể công nhận."
            )
            % {"done": done, "total": total},
            field="level",
        )
    if summary is None or not summary.proposal:
        return
    against = (summary.proposal == "refuse") if recognise else (summary.proposal == "recognise")
    if not against:
        return
    if not RULEBOOK.allows(actor, "override", locked):
        raise NotPermitted(
            gettext(
                "Hội đồng %(lower)s (%(percent)s%%, ngưỡng %(pass_percent)s%%): chỉ lãnh đạo đơn vị mới quyết định khác đề xuất của hội đồng."
            )
            % {
                "lower": summary.proposal_label.lower(),
                "percent": summary.percent,
                "pass_percent": summary.pass_percent,
            },
            field="reason",
        )
    if len(reason.strip()) < 5:
        raise Refused(
            gettext("Quyết định khác đề xuất của hội đồng (%(lower)s, %(percent)s%%): hãy ghi rõ lý do.")
            % {"lower": summary.proposal_label.lower(), "percent": summary.percent},
            field="reason",
        )


def recognise(
    *,
    actor: Any,
    exemplar: Exemplar,
    level: str,
    decision_number: str,
    decision_date: dt.date | None,
    award: str = "",
    award_body: str = "",
    note: str = "",
    version: int | None = None,
) -> Exemplar:
    """Under evaluation → recognised at a level, by a numbered and dated decision."""
    errors = []
    if level not in RecognitionLevel.values:
        errors.append("Hãy chọn cấp công nhận: cấp xã, cấp tỉnh hoặc cấp Trung ương.")
    if not decision_number.strip():
        errors.append(
            "Thiếu số quyết định công nhận (ví dụ 125/QĐ-UBND). Không thể công nhận khi chưa có quyết định."
        )
    if decision_date is None:
        errors.append("Thiếu ngày ký quyết định công nhận (dd/mm/yyyy).")
    elif decision_date > clock.today():
        errors.append("Ngày quyết định không được ở tương lai.")
    if award not in Award.values:
        errors.append("Hình thức khen thưởng không hợp lệ.")
    if award and not award_body.strip():
        errors.append("Hãy ghi cơ quan tặng giấy khen, bằng khen.")
    if errors:
        raise Refused(" ".join(errors))

    def apply(locked: Exemplar) -> None:
        _check_decision(actor, locked, recognise=True, reason=note, level=level)
        locked.recognition_level = level
        locked.decision_number = decision_number.strip()
        locked.decision_date = decision_date
        locked.award = award
        locked.award_body = award_body.strip()

    return perform(
        EXEMPLAR,
        "recognise",
        actor=actor,
        record=exemplar,
        version=version,
        apply=apply,
        reason=(f"Quyết định {decision_number.strip()}" + (f": {note.strip()}" if note.strip() else "")),
    )


def refuse_recognition(
    *, actor: Any, exemplar: Exemplar, reason: str, version: int | None = None
) -> Exemplar:
    if not reason.strip():
        raise Refused(gettext("Hãy ghi lý do không công nhận."), field="reason")

    def apply(locked: Exemplar) -> None:
        _check_decision(actor, locked, recognise=False, reason=reason)

    return perform(
        EXEMPLAR, "refuse", actor=actor, record=exemplar, version=version, apply=apply, reason=reason.strip()
    )


def retire(
    *, actor: Any, exemplar: Exemplar, reason: str, review_year: int | None = None, version: int | None = None
) -> Exemplar:
    """Yearly review: a recognised model that stopped being effective is retired, with the reason."""
    if len(reason.strip()) < 5:
        raise Refused(
            gettext("Hãy ghi rõ lý do đưa mô hình ra khỏi danh sách (ít nhất 5 ký tự)."), field="reason"
        )
    year = review_year or clock.today().year

    def apply(locked: Exemplar) -> None:
        locked.retired_on = clock.today()
        locked.retired_reason = reason.strip()

    return perform(
        EXEMPLAR,
        "retire",
        actor=actor,
        record=exemplar,
        version=version,
        apply=apply,
        reason=f"Rà soát năm {year}: {reason.strip()}",
    )
