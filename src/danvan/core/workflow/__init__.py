"""The one workflow kit: every state change of every module goes through it.

A module declares once (in `<app>/workflow.py`):

- its history model, a subclass of `TransitionRecord` (at, actor, actor_label, action, from_state,
  to_state, reason + the module's own columns);
- its `Workflow`: the model, the state field, the history model and the `Action`s (name, label, the
  states it may start from, the state it leads to, or none for an edit that keeps the state);
- its rulebook (`danvan.accounts.rulebook.Rulebook`): who may perform each action on which records.

Every service then makes its move with `perform()`: one transaction that locks the row, compares the
version the user saw, checks the move against the workflow and the rulebook, applies the module's
changes, writes the history row and the audit row. A refused move raises `Refused` (a field and a
Vietnamese message), a rulebook refusal `NotPermitted` (also a `PermissionDenied`), a stale version
`Conflict`. Views use one `ActionTable` per module (action → form, service call, success message):
the generic view re-renders the page with the error beside the submitted form, never a bare 403.

After a move `perform` runs the hooks other modules registered with `on_transition(name, hook)` (in the
same transaction: notifications writes its outbox rows there).

`core` stays a leaf: the rulebook is reached through the `Checker` protocol, never imported.
"""

from danvan.core.workflow.errors import Conflict, NotPermitted, Refused
from danvan.core.workflow.machine import (
    ANY_STATE,
    Action,
    Checker,
    Moved,
    Workflow,
    allowed_actions,
    announce,
    history_row,
    on_transition,
    perform,
    workflow_for,
    workflows,
)
from danvan.core.workflow.records import TransitionRecord
from danvan.core.workflow.views import ActionSpec, ActionTable, create_page, show_refusal, submit_create

__all__ = [
    "show_refusal",
    "submit_create",
    "create_page",
    "ANY_STATE",
    "Action",
    "ActionSpec",
    "ActionTable",
    "Checker",
    "Moved",
    "announce",
    "on_transition",
    "Conflict",
    "NotPermitted",
    "Refused",
    "TransitionRecord",
    "Workflow",
    "allowed_actions",
    "history_row",
    "perform",
    "workflow_for",
    "workflows",
]
