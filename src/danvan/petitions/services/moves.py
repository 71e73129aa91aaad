"""Đơn thư: the moves of the state machine, each one call of `danvan.core.workflow.perform`.

The workflow kit locks the petition row, compares the `version` the officer saw (`Conflict` when another
officer moved first), asks the rulebook (`petitions.rulebook`), checks the move against the declared
states (`petitions.workflow`), and writes the history row and the audit row in the same transaction.
A refused move raises `Refused` with a Vietnamese message (and the form field it concerns).
"""

from __future__ import annotations

import hmac
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scoping import scope_for
from danvan.core import clock
from danvan.core.calendar import add_days
from danvan.core.workflow import Refused, perform
from danvan.petitions import rules
from danvan.petitions.models import Field, FieldCorrection, Kind, Petition, State, Step
from danvan.petitions.services.confidentiality import assignable_handlers
from danvan.petitions.services.intake import citizen_key_digest, normalise_code
from danvan.petitions.workflow import WORKFLOW
from danvan.territory import naming
from danvan.territory.models import AdminUnit

_PRIVATE = {"is_public": False}  # edits do not show on the citizen's tracking page


def _required(text: str, message: str, field: str = "reason") -> None:
    if not text.strip():
        raise Refused(message, field=field)


def accept(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    """Thụ lý: the resolution deadline starts; the officer becomes the handler, except of a denunciation,
    whose handler the unit head assigns (`assign_handler`): until then officers work on the redacted copy."""

    def apply(p: Petition) -> None:
        now = timezone.now()
        p.accepted_at = now
        if not p.is_confidential:
            p.handler = actor
        p.resolve_due = rules.due_date(p.kind, Step.RESOLVE, rules.resolve_variant(p), clock.local_date(now))
        p.due_date = p.resolve_due

    return perform(
        WORKFLOW, "accept", actor=actor, record=petition, version=version, reason=reason, apply=apply
    )


def refuse(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    _required(reason, _("Không thụ lý phải nêu lý do và căn cứ pháp lý."))

    def apply(p: Petition) -> None:
        p.refusal_reason = reason
        p.due_date = None

    return perform(
        WORKFLOW, "refuse", actor=actor, record=petition, version=version, reason=reason, apply=apply
    )


def transfer(
    *, actor: Any, petition: Petition, to_unit: AdminUnit, version: int | None = None, reason: str = ""
) -> Petition:
    """Chuyển đơn to the competent unit; the acceptance deadline restarts there."""
    if to_unit.pk == petition.unit_id:
        raise Refused(_("Đơn vị nhận phải khác đơn vị đang giải quyết."), field="to_unit")
    _required(reason, _("Chuyển đơn phải nêu lý do."))

    before = naming.competent_body(petition.unit, petition.kind)
    after = naming.competent_body(to_unit, petition.kind)
    public_note = (
        f"Đơn không thuộc thẩm quyền của {before}; chuyển đến {after} là cơ quan có thẩm quyền giải quyết."
    )

    def apply(p: Petition) -> None:
        p.unit = to_unit
        p.handler = None
        p.accept_due = rules.due_date(p.kind, Step.ACCEPT, rules.accept_variant(p), clock.today())
        p.due_date = p.accept_due

    return perform(
        WORKFLOW,
        "transfer",
        actor=actor,
        record=petition,
        version=version,
        reason=f"Chuyển đến {after}. {reason}".strip(),
        apply=apply,
        extra={"public_note": public_note},
    )


def start(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    return perform(WORKFLOW, "start", actor=actor, record=petition, version=version, reason=reason)


def resolve(
    *,
    actor: Any,
    petition: Petition,
    answer: str,
    decision_ref: str = "",
    answer_public: bool = False,
    version: int | None = None,
    withhold_reason: str = "",
) -> Petition:
    """Ghi kết quả giải quyết. The answer shows on the tracking page (identity redacted, `public_answer`)
    unless the officer withholds it; her reason is kept in the history."""
    _required(answer, _("Hãy nhập nội dung trả lời, kết quả giải quyết."), field="answer")
    reason = decision_ref
    if not answer_public and withhold_reason.strip():
        reason = f"{decision_ref}. Không công khai trả lời: {withhold_reason.strip()}".lstrip(". ")

    def apply(p: Petition) -> None:
        now = timezone.now()
        p.resolved_at = now
        p.answer = answer
        p.decision_ref = decision_ref
        p.answer_public = answer_public
        p.resolved_on_time = p.resolve_due is None or clock.local_date(now) <= p.resolve_due
        p.due_date = None

    return perform(
        WORKFLOW, "resolve", actor=actor, record=petition, version=version, reason=reason, apply=apply
    )


def close(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    def apply(p: Petition) -> None:
        p.closed_at = timezone.now()

    return perform(
        WORKFLOW, "close", actor=actor, record=petition, version=version, reason=reason, apply=apply
    )


def withdraw(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    _required(reason, _("Hãy ghi lý do hoặc văn bản rút đơn của người gửi."))

    def apply(p: Petition) -> None:
        p.due_date = None
        p.closed_at = timezone.now()

    return perform(
        WORKFLOW, "withdraw", actor=actor, record=petition, version=version, reason=reason, apply=apply
    )


def extend(
    *, actor: Any, petition: Petition, reason: str, days: int | None = None, version: int | None = None
) -> Petition:
    """Gia hạn giải quyết, decided in writing with a reason, within the rule's limits."""
    _required(reason, _("Gia hạn phải có văn bản nêu lý do."))

    def apply(p: Petition) -> dict[str, list[Any]]:
        if p.resolve_due is None:
            raise Refused(_("Chỉ gia hạn được đơn đã thụ lý và đang trong hạn giải quyết."))
        rule = rules.rule_for(p.kind, Step.EXTENSION, "normal", clock.today())
        if rule is None:
            raise Refused(
                _("Quy định hiện hành không cho phép gia hạn giải quyết %(kind)s.")
                % {"kind": p.get_kind_display().lower()}
            )
        if p.extension_count >= rule.max_times:
            raise Refused(
                _("Đã gia hạn %(n)s lần: quy định cho phép tối đa %(max)s lần.")
                % {"n": p.extension_count, "max": rule.max_times}
            )
        n = min(days or rule.days, rule.days)
        old = p.resolve_due
        p.resolve_due = add_days(old, n, working=rule.working_days)
        p.due_date = p.resolve_due
        p.extension_count += 1
        return {"resolve_due": [old.isoformat(), p.resolve_due.isoformat()]}

    return perform(
        WORKFLOW,
        "extend",
        actor=actor,
        record=petition,
        version=version,
        reason=reason,
        apply=apply,
        extra=_PRIVATE,
        summary=f"Đơn {petition.tracking_code}: gia hạn giải quyết",
    )


def confirm_field(*, actor: Any, petition: Petition, field: Field, version: int | None = None) -> Petition:
    """The officer confirms or corrects the suggested field."""

    def apply(p: Petition) -> dict[str, list[Any]]:
        old = p.field.code if p.field else None
        p.field = field
        p.field_confirmed = True
        # The officer's decision is labelled data for the next training (`train-classifier`).
        FieldCorrection.objects.create(
            petition=p,
            unit=p.unit,
            suggested_id=p.suggested_field_id,
            field=field,
            actor=actor,
            at=timezone.now(),
        )
        return {"field": [old, field.code]}

    return perform(
        WORKFLOW,
        "classify",
        actor=actor,
        record=petition,
        version=version,
        reason=f"Lĩnh vực: {field.name}",
        apply=apply,
        extra=_PRIVATE,
        summary=f"Đơn {petition.tracking_code}: xác nhận lĩnh vực",
    )


def link_duplicate(
    *, actor: Any, petition: Petition, master: Petition, version: int | None = None, reason: str = ""
) -> Petition:
    """Mark `petition` as a duplicate of `master` (same matter sent again or to several bodies)."""
    if master.pk == petition.pk:
        raise Refused(_("Không thể đánh dấu đơn trùng với chính nó."), field="master_code")
    master = Petition.objects.select_related("unit").get(pk=master.pk)
    if not scope_for(actor).can_see(master.unit):
        raise Refused(_("Không tìm thấy đơn gốc trong phạm vi của bạn."), field="master_code")
    root = master
    while root.master_id is not None:
        if root.master_id == petition.pk:
            raise Refused(
                _("Đơn gốc đang là đơn trùng của đơn này: không thể liên kết vòng."), field="master_code"
            )
        root = Petition.objects.get(pk=root.master_id)

    def apply(p: Petition) -> dict[str, list[Any]]:
        old = p.master.tracking_code if p.master else None
        p.master = root
        return {"master": [old, root.tracking_code]}

    return perform(
        WORKFLOW,
        "link_duplicate",
        actor=actor,
        record=petition,
        version=version,
        reason=f"Trùng với đơn {root.tracking_code}. {reason}".strip(),
        apply=apply,
        extra=_PRIVATE,
        summary=f"Đơn {petition.tracking_code}: đánh dấu trùng với {root.tracking_code}",
    )


def assign_handler(*, actor: Any, petition: Petition, handler: Any, version: int | None = None) -> Petition:
    """Phân công cán bộ thụ lý: only the head of the handling unit (the rulebook), only to an officer of
    that unit. The handler of a denunciation then sees the identity (audited); others keep the redacted copy."""

    def apply(p: Petition) -> dict[str, list[Any]]:
        if handler is None or handler.pk not in {u.pk for u in assignable_handlers(p)}:
            raise Refused(_("Chỉ phân công được cho cán bộ của đơn vị giải quyết đơn này."), field="handler")
        p.handler = handler
        return {}

    label = (getattr(handler, "full_name", "") or handler.get_username()) if handler is not None else ""
    return perform(
        WORKFLOW,
        "assign",
        actor=actor,
        record=petition,
        version=version,
        reason=f"Phân công cán bộ thụ lý: {label}",
        apply=apply,
        extra=_PRIVATE,
        summary=f"Phân công cán bộ thụ lý đơn {petition.tracking_code}",
    )


def publish_title(*, actor: Any, petition: Petition, version: int | None = None) -> Petition:
    """An officer of the handling unit lets Open311 publish the title as typed (checked: no identity)."""
    if petition.kind not in (Kind.FEEDBACK, Kind.PROPOSAL):
        raise Refused(_("Chỉ phản ánh, kiến nghị được công bố qua Open311."))

    def apply(p: Petition) -> None:
        p.title_public = True

    return perform(
        WORKFLOW,
        "publish-title",
        actor=actor,
        record=petition,
        version=version,
        reason="Công bố nguyên văn tiêu đề",
        apply=apply,
        extra=_PRIVATE,
        summary=f"Công bố nguyên văn tiêu đề đơn {petition.tracking_code} qua Open311",
    )


def rate(*, code: str, key: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the handling, once, after closure, with the tracking code and the confirmation
    key of the receipt (the code alone is known to officers and was once published: it is not enough)."""
    if rating not in range(1, 6):
        raise Refused(_("Mức đánh giá phải từ 1 đến 5."), field="rating")
    found = (
        Petition.objects.filter(tracking_code=normalise_code(code))
        .values_list("pk", "citizen_key_hash")
        .first()
    )
    if found is None:
        raise Refused(_("Không tìm thấy hồ sơ với mã này. Hãy kiểm tra mã ghi trên giấy biên nhận."))
    pk, digest = found
    if not digest:
        raise Refused(
            _("Hồ sơ này không có mã xác nhận đánh giá: hãy đánh giá trực tiếp với cơ quan đã giải quyết.")
        )
    if not key.strip() or not hmac.compare_digest(digest, citizen_key_digest(key)):
        raise Refused(
            _("Mã xác nhận không đúng: hãy nhập mã xác nhận (dạng XN-XXXX-XXXX) ghi trên giấy biên nhận."),
            field="key",
        )

    def apply(p: Petition) -> dict[str, list[Any]]:
        if p.rating is not None:
            raise Refused(_("Hồ sơ này đã được đánh giá."))
        p.rating = rating
        p.rating_comment = comment[:500]
        p.rated_at = timezone.now()
        return {"rating": [None, rating]}

    return perform(
        WORKFLOW,
        "rate",
        actor=None,
        record=pk,
        reason=f"Đánh giá {rating}/5",
        apply=apply,
        extra=_PRIVATE,
        summary=f"Công dân đánh giá đơn {normalise_code(code)}: {rating}/5",
    )


__all__ = [
    "State",
    "accept",
    "assign_handler",
    "close",
    "confirm_field",
    "extend",
    "link_duplicate",
    "publish_title",
    "rate",
    "refuse",
    "resolve",
    "start",
    "transfer",
    "withdraw",
]
