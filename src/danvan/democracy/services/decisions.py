"""Bàn và quyết định: a village's household representatives decide; the minutes, the result, its
recognition by the commune; the contributions ledger; village conventions (hương ước, quy ước).

The thresholds (pass share, quorum, counting committee size, convention posting days) come from the
rule row in force on the day (`DecisionRule`), never from constants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import audit, calendar, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.democracy.models import (
    CommunityDecision,
    Contribution,
    ContributionKind,
    Convention,
    DecisionForm,
    DecisionMatter,
    DecisionRule,
    DecisionState,
    Household,
    VotingMethod,
)
from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.workflow import CONVENTION, DECISION
from danvan.territory.models import Village

ONLINE_CONDITIONS = {
    "head_and_front_agree": gettext_lazy(
        "trưởng thôn và Ban công tác Mặt trận chưa thống nhất rằng không cần tổ chức họp hoặc phát phiếu"
    ),
    "social_group_chosen": gettext_lazy("cộng đồng chưa chọn nhóm mạng xã hội hợp pháp để biểu quyết"),
    "households_have_means": gettext_lazy("chưa bảo đảm các hộ gia đình có điều kiện biểu quyết trực tuyến"),
}


def rule_in_force(day: dt.date) -> DecisionRule:
    rule = (
        DecisionRule.objects.filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise Refused(
            _("Chưa có quy tắc bàn và quyết định có hiệu lực vào ngày %(day)s.")
            % {"day": clock.format_date(day)}
        )
    return rule


def check_online(matter: str, conditions: dict[str, bool]) -> None:
    """Online voting only for other self-management matters and only when every condition holds."""
    if matter != DecisionMatter.OTHER:
        raise Refused(
            _(
                "Biểu quyết trực tuyến chỉ áp dụng cho công việc tự quản khác của cộng đồng; "
                "nội dung này phải quyết định bằng hội nghị hoặc phát phiếu."
            ),
            field="form",
        )
    missing = [str(text) for name, text in ONLINE_CONDITIONS.items() if not conditions.get(name)]
    if missing:
        raise Refused(
            _("Chưa đủ điều kiện biểu quyết trực tuyến: %(why)s.") % {"why": "; ".join(missing)}, field="form"
        )


def create_decision(
    *,
    actor: Any,
    village: Village,
    matter: str,
    title: str,
    form: str,
    proposal: str = "",
    head_and_front_agree: bool = False,
    social_group_chosen: bool = False,
    households_have_means: bool = False,
    is_demo: bool = False,
) -> CommunityDecision:
    RULEBOOK.require(actor, "create_decision", village.unit)
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Hãy nhập vấn đề đưa ra quyết định."), field="title")
    if matter not in DecisionMatter.values:
        raise Refused(_("Hãy chọn nội dung quyết định."), field="matter")
    if form not in DecisionForm.values:
        raise Refused(_("Hãy chọn hình thức quyết định."), field="form")
    conditions = {
        "head_and_front_agree": head_and_front_agree,
        "social_group_chosen": social_group_chosen,
        "households_have_means": households_have_means,
    }
    if form == DecisionForm.ONLINE:
        check_online(matter, conditions)
    with transaction.atomic():
        decision = CommunityDecision.objects.create(
            unit=village.unit,
            village=village,
            matter=matter,
            title=title[:250],
            proposal=(proposal or "").strip(),
            form=form,
            created_at=clock.now(),
            is_demo=is_demo,
            **conditions,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=decision,
            unit=village.unit,
            summary=f"Chuẩn bị bàn và quyết định “{decision.title}” tại {village.name} ({decision.get_form_display()})",
            changes={k: [None, v] for k, v in conditions.items()} if form == DecisionForm.ONLINE else {},
        )
    return decision


def record_result(
    *,
    actor: Any,
    decision: CommunityDecision,
    held_on: dt.date,
    attended: int,
    agree: int,
    disagree: int,
    invalid: int = 0,
    voting_method: str = "",
    committee: Sequence[str] = (),
    minutes: str = "",
    version: int | None = None,
) -> CommunityDecision:
    """The minutes: attendance, counts and counting committee; passed or not by the rule in force.

    Refused (nothing saved) when the counts cannot be true: more participants or ballots than the
    village's households, more ballots than participants. A meeting without quorum is recorded as
    not passed.
    """
    if held_on > clock.today():
        raise Refused(_("Ngày họp, lấy ý kiến không được sau ngày hôm nay."), field="held_on")
    if min(attended, agree, disagree, invalid) < 0:
        raise Refused(_("Các con số không được âm."), field="attended")
    names = [" ".join(n.split()) for n in committee if n and n.strip()]
    rule = rule_in_force(held_on)

    def apply(locked: CommunityDecision) -> dict[str, Any]:
        if locked.form == DecisionForm.ONLINE:
            check_online(
                locked.matter,
                {
                    "head_and_front_agree": locked.head_and_front_agree,
                    "social_group_chosen": locked.social_group_chosen,
                    "households_have_means": locked.households_have_means,
                },
            )
        total = Household.objects.filter(village_id=locked.village_id, is_active=True).count()
        if total == 0:
            raise Refused(
                _("Thôn chưa có hộ gia đình nào được đăng ký: hãy đăng ký hộ trước."), field="attended"
            )
        ballots = agree + disagree + invalid
        if attended > total:
            raise Refused(
                _("Số đại diện hộ tham dự, trả lời (%(n)d) nhiều hơn số hộ của thôn (%(total)d).")
                % {"n": attended, "total": total},
                field="attended",
            )
        if ballots > total:
            raise Refused(
                _(
                    "Tổng số phiếu (%(n)d) nhiều hơn số hộ của thôn (%(total)d): kiểm tra lại biên bản kiểm phiếu."
                )
                % {"n": ballots, "total": total},
                field="agree",
            )
        if ballots > attended:
            raise Refused(
                _("Tổng số phiếu (%(n)d) nhiều hơn số đại diện hộ tham dự, trả lời (%(a)d).")
                % {"n": ballots, "a": attended},
                field="agree",
            )
        needs_committee = locked.form == DecisionForm.BALLOT or voting_method == VotingMethod.SECRET
        if needs_committee and not (rule.committee_min <= len(names) <= rule.committee_max):
            raise Refused(
                _("Tổ kiểm phiếu phải có từ %(a)d đến %(b)d người (đã ghi %(n)d).")
                % {"a": rule.committee_min, "b": rule.committee_max, "n": len(names)},
                field="committee",
            )
        if locked.form == DecisionForm.MEETING:
            if voting_method not in VotingMethod.values:
                raise Refused(
                    _("Hãy chọn cách biểu quyết: giơ tay hoặc bỏ phiếu kín."), field="voting_method"
                )
            quorum = attended * 100 > rule.quorum_percent * total
        else:
            quorum = attended > 0
        locked.rule = rule
        locked.held_on = held_on
        locked.households_total = total
        locked.attended = attended
        locked.agree = agree
        locked.disagree = disagree
        locked.invalid = invalid
        locked.voting_method = voting_method if locked.form == DecisionForm.MEETING else ""
        locked.counting_committee = names
        locked.minutes = (minutes or "").strip()
        locked.quorum_met = quorum
        locked.passed = quorum and agree * 100 > rule.pass_percent * total
        return {"households_total": [None, total], "quorum_met": [None, quorum]}

    return perform(DECISION, "record_result", actor=actor, record=decision, version=version, apply=apply)


def send_result(
    *, actor: Any, decision: CommunityDecision, version: int | None = None, reason: str = ""
) -> CommunityDecision:
    return perform(DECISION, "send", actor=actor, record=decision, version=version, reason=reason)


def recognise(
    *, actor: Any, decision: CommunityDecision, reference: str, version: int | None = None
) -> CommunityDecision:
    reference = (reference or "").strip()
    if not reference:
        raise Refused(_("Hãy nhập số văn bản công nhận của UBND xã."), field="reference")

    def apply(locked: CommunityDecision) -> None:
        if not locked.passed:
            raise Refused(
                _("Kết quả không được thông qua (%(a)d/%(t)d hộ tán thành%(q)s): không thể công nhận.")
                % {
                    "a": locked.agree,
                    "t": locked.households_total,
                    "q": "" if locked.quorum_met else _(", hội nghị không đủ số đại diện hộ"),
                },
                field="reference",
            )
        locked.recognised_on = clock.today()
        locked.recognition_ref = reference[:100]

    return perform(DECISION, "recognise", actor=actor, record=decision, version=version, apply=apply)


# --- contributions ----------------------------------------------------------------------------------


def record_contribution(
    *,
    actor: Any,
    decision: CommunityDecision,
    household: Household,
    amount: int,
    paid_on: dt.date,
    kind: str = ContributionKind.MONEY,
    is_demo: bool = False,
) -> Contribution:
    """One household's payment for works its community decided (and the commune recognised)."""
    RULEBOOK.require(actor, "record_contribution", decision)
    if decision.matter != DecisionMatter.CONTRIBUTIONS:
        raise Refused(_("Chỉ ghi đóng góp cho quyết định về chủ trương, mức đóng góp."), field="household")
    if decision.state != DecisionState.RECOGNISED:
        raise Refused(
            _("Chỉ ghi đóng góp sau khi quyết định đã được thông qua và UBND xã công nhận."),
            field="household",
        )
    if household.village_id != decision.village_id:
        raise Refused(_("Hộ này không thuộc thôn đã quyết định."), field="household")
    if amount <= 0:
        raise Refused(_("Giá trị đóng góp phải lớn hơn 0."), field="amount")
    if paid_on > clock.today():
        raise Refused(_("Ngày đóng góp không được sau ngày hôm nay."), field="paid_on")
    if kind not in ContributionKind.values:
        raise Refused(_("Hình thức đóng góp không hợp lệ."), field="kind")
    with transaction.atomic():
        item = Contribution.objects.create(
            unit=decision.unit,
            decision=decision,
            household=household,
            kind=kind,
            amount=amount,
            paid_on=paid_on,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            recorded_at=clock.now(),
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            unit=decision.unit,
            summary=f"Đóng góp của hộ {household.code} cho “{decision.title}”: {amount:,} đồng".replace(
                ",", "."
            ),
        )
    return item


# --- village conventions ----------------------------------------------------------------------------


def create_convention(
    *, actor: Any, village: Village, title: str, text: str, is_demo: bool = False
) -> Convention:
    RULEBOOK.require(actor, "create_convention", village.unit)
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Hãy nhập tên hương ước, quy ước."), field="title")
    if not (text or "").strip():
        raise Refused(_("Hãy nhập nội dung dự thảo."), field="text")
    with transaction.atomic():
        convention = Convention.objects.create(
            unit=village.unit,
            village=village,
            title=title[:250],
            text=text.strip(),
            created_at=clock.now(),
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=convention,
            unit=village.unit,
            summary=f"Dự thảo hương ước “{convention.title}” ({village.name})",
        )
    return convention


def post_convention(
    *, actor: Any, convention: Convention, posted_on: dt.date, version: int | None = None
) -> Convention:
    if posted_on > clock.today():
        raise Refused(_("Ngày niêm yết không được sau ngày hôm nay."), field="posted_on")
    rule = rule_in_force(posted_on)

    def apply(locked: Convention) -> None:
        locked.posted_on = posted_on
        locked.earliest_decision_on = calendar.add_calendar_days(posted_on, rule.convention_min_days)

    return perform(CONVENTION, "post", actor=actor, record=convention, version=version, apply=apply)


def adopt_convention(
    *, actor: Any, convention: Convention, decision: CommunityDecision, version: int | None = None
) -> Convention:
    """The community adopted the convention by a passed decision held after the posting period."""

    def apply(locked: Convention) -> None:
        if decision.village_id != locked.village_id or decision.matter != DecisionMatter.CONVENTION:
            raise Refused(
                _("Hãy chọn quyết định về hương ước, quy ước của chính thôn này."), field="decision"
            )
        if not decision.passed or decision.state not in (DecisionState.SENT, DecisionState.RECOGNISED):
            raise Refused(
                _("Quyết định đã chọn chưa được thông qua hoặc chưa gửi UBND xã."), field="decision"
            )
        if (
            locked.earliest_decision_on
            and decision.held_on
            and decision.held_on < locked.earliest_decision_on
        ):
            raise Refused(
                _(
                    "Dự thảo phải niêm yết ít nhất %(n)d ngày trước khi cộng đồng quyết định: niêm yết "
                    "ngày %(posted)s, chỉ được quyết định từ ngày %(earliest)s (đã họp ngày %(held)s)."
                )
                % {
                    "n": (locked.earliest_decision_on - locked.posted_on).days if locked.posted_on else 30,
                    "posted": clock.format_date(locked.posted_on),
                    "earliest": clock.format_date(locked.earliest_decision_on),
                    "held": clock.format_date(decision.held_on),
                },
                field="decision",
            )
        locked.decision = decision

    return perform(CONVENTION, "adopt", actor=actor, record=convention, version=version, apply=apply)


def recognise_convention(
    *, actor: Any, convention: Convention, reference: str, version: int | None = None
) -> Convention:
    reference = (reference or "").strip()
    if not reference:
        raise Refused(_("Hãy nhập số quyết định công nhận của UBND xã."), field="reference")

    def apply(locked: Convention) -> None:
        locked.recognised_on = clock.today()
        locked.recognition_ref = reference[:100]

    return perform(
        CONVENTION, "recognise_convention", actor=actor, record=convention, version=version, apply=apply
    )
