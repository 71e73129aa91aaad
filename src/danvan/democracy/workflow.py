"""Dân chủ ở cơ sở: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Disclosure (công khai):  draft ── publish ──► published ── end ──► ended
                         `attach` adds evidence files in any state.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Workflow
from danvan.democracy.models import Disclosure, DisclosureHistory, DisclosureState
from danvan.democracy.rulebook import RULEBOOK

DISCLOSURE = Workflow(
    "democracy.disclosure",
    model=Disclosure,
    history=DisclosureHistory,
    history_fk="disclosure",
    states=DisclosureState,
    noun=_("hồ sơ công khai"),
    rulebook=RULEBOOK,
    describe=lambda d: f"Công khai “{d.title}”",
    audit_fields=("posted_on", "ended_on", "is_late", "is_too_short"),
    lock_related=("unit", "item"),
    actions=[
        Action(
            "publish",
            _("Công khai"),
            frozenset({DisclosureState.DRAFT}),
            DisclosureState.PUBLISHED,
            refusal=_("Hồ sơ này đã được công khai."),
        ),
        Action(
            "end",
            _("Kết thúc công khai"),
            frozenset({DisclosureState.PUBLISHED}),
            DisclosureState.ENDED,
            refusal=_("Chỉ kết thúc được hồ sơ đang công khai."),
        ),
        Action("attach", _("Bổ sung tệp minh chứng")),
    ],
)
WORKFLOWS = (DISCLOSURE,)
