"""Dân vận khéo: who may perform each action (see `danvan.accounts.rulebook`).

Registering, editing, submitting and the council's work are done by the officers and heads of the
registering unit or of a unit above it. The regulations of the movement are checked here too:

- a body recognises at its own level or below (`recognition_levels`): a commune records a commune-level
  recognition, a province up to province level, the centre any level;
- the council member scores only the exemplars whose council she sits on (`is_judge`), and the person
  who registered or submitted an exemplar never sits on its council (`submitters`, separation of duties);
- recognising against the council's proposal (`override`) is a head's decision, with a reason.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from danvan.accounts.rulebook import ACT, HEADS, Rule, Rulebook, level_of_path
from danvan.accounts.scoping import READ_ROLES, scope_for
from danvan.exemplars.models import ContestJudge, Exemplar, ExemplarHistory, Judge, RecognitionLevel
from danvan.territory.models import Level

JUDGING_ROLES: frozenset[str] = frozenset(READ_ROLES)
"""Any role that reads the unit may sit on a council or a jury; what lets a person score is being named."""

LEVEL_OF_RECOGNITION: dict[str, int] = {
    RecognitionLevel.CENTRAL: Level.NATION,
    RecognitionLevel.PROVINCE: Level.PROVINCE,
    RecognitionLevel.COMMUNE: Level.COMMUNE,
}


@rules.predicate
def is_judge(user: Any, record: Any) -> bool:
    """The user sits on the exemplar's council (or the contest's jury, for an entry's contest)."""
    if not getattr(user, "is_authenticated", False) or record is None:
        return False
    if isinstance(record, Exemplar):
        return Judge.objects.filter(evaluation__exemplar_id=record.pk, user_id=user.pk).exists()
    return ContestJudge.objects.filter(contest_id=record.pk, user_id=user.pk).exists()


def submitters(exemplar: Exemplar) -> set[int]:
    """Who registered or submitted the exemplar: they never judge it (separation of duties)."""
    ids = set(
        ExemplarHistory.objects.filter(exemplar_id=exemplar.pk, action__in=("register", "submit"))
        .exclude(actor_id=None)
        .values_list("actor_id", flat=True)
    )
    if exemplar.created_by_id is not None:
        ids.add(exemplar.created_by_id)
    return ids


@rules.predicate
def not_a_submitter(user: Any, record: Any) -> bool:
    return isinstance(record, Exemplar) and user.pk not in submitters(record)


def recognition_levels(user: Any, exemplar: Exemplar) -> list[str]:
    """The recognition levels `user` may record for `exemplar`: its own body's level or below."""
    scope = scope_for(user)
    if scope.is_admin:
        return list(RecognitionLevel.values)
    path = exemplar.unit.path
    levels = [level_of_path(g.path) for g in scope.grants if g.role in ACT and path.startswith(g.path)]
    if not levels:
        return []
    highest = min(levels)
    return [value for value, level in LEVEL_OF_RECOGNITION.items() if level >= highest]


RULEBOOK = Rulebook(
    "exemplars",
    _("Dân vận khéo"),
    [
        Rule("register", _("Đăng ký mô hình, điển hình"), roles=ACT),
        Rule("edit", _("Sửa hồ sơ dự thảo"), roles=ACT),
        Rule("attach", _("Bổ sung ảnh, tài liệu"), roles=ACT),
        Rule("submit", _("Gửi đề nghị công nhận"), roles=ACT),
        Rule("return_to_draft", _("Trả lại đơn vị để bổ sung"), roles=ACT),
        Rule("open_evaluation", _("Lập hội đồng thẩm định"), roles=ACT),
        Rule(
            "score",
            _("Chấm điểm thẩm định"),
            roles=JUDGING_ROLES,
            condition=is_judge & not_a_submitter,
            condition_text=_("Chỉ thành viên hội đồng thẩm định, không phải người đăng ký, gửi hồ sơ."),
        ),
        Rule(
            "recognise",
            _("Ghi quyết định công nhận"),
            roles=ACT,
            condition_text=_(
                "Cấp công nhận không cao hơn cấp của đơn vị; đủ số phiếu chấm và đạt ngưỡng điểm."
            ),
        ),
        Rule("refuse", _("Không công nhận"), roles=ACT),
        Rule(
            "override",
            _("Quyết định khác đề xuất của hội đồng"),
            roles=HEADS,
            condition_text=_("Ghi rõ lý do."),
        ),
        Rule("retire", _("Đưa ra khỏi danh sách (rà soát hằng năm)"), roles=ACT),
        Rule("replicate", _("Ghi nhận đơn vị áp dụng (nhân rộng)"), roles=ACT),
        Rule("edit_criteria", _("Sửa bộ tiêu chí của tỉnh"), roles=ACT),
        Rule("create_contest", _("Tổ chức hội thi"), roles=ACT),
        Rule("add_judge", _("Thêm giám khảo hội thi"), roles=ACT),
        Rule("add_entry", _("Thêm bài dự thi"), roles=ACT),
        Rule(
            "score_entry",
            _("Chấm bài dự thi"),
            roles=JUDGING_ROLES,
            condition=is_judge,
            condition_text=_("Chỉ giám khảo của hội thi."),
        ),
        Rule("publish_contest", _("Công bố kết quả hội thi"), roles=ACT),
    ],
)
