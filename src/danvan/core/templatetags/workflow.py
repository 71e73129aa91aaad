"""`{% allowed_actions record as allowed %}`: the names of the actions the user may perform now.

The page shows an action's form only when its name is in `allowed`: the record's state lets it run and
the module's rulebook lets this user do it, the same two checks the service makes.
"""

from __future__ import annotations

from typing import Any

from django import template

from danvan.core.workflow.machine import allowed_actions as _allowed
from danvan.core.workflow.machine import workflow_for

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed_actions(context: dict[str, Any], record: Any) -> frozenset[str]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return frozenset(action.name for action in _allowed(user, record))


@register.filter
def state_label(state: str, record: Any) -> str:
    """`{{ h.to_state|state_label:record }}`: a state's words in the record's workflow ("Đã gửi")."""
    return workflow_for(record).state_label(state) if state else ""


@register.filter
def action_label(action: str, record: Any) -> str:
    """`{{ h.action|action_label:record }}`: an action's words ("Gửi cấp trên"); unknown names as they are."""
    declared = workflow_for(record).actions.get(action)
    return str(declared.label) if declared is not None else action
