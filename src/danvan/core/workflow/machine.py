"""Declared states and actions, and `perform()`: the one function through which every move runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow.errors import Conflict, Refused
from danvan.core.workflow.records import TransitionRecord

ANY_STATE: frozenset[str] = frozenset()
"""`Action(sources=ANY_STATE)`: the action may run whatever the record's state (an edit, a note)."""


@dataclass(frozen=True)
class Action:
    """One thing a user can do to a record.

    `sources`: the states it may start from (`ANY_STATE` for every state); `target`: the state it leads to,
    or None when the state stays (an edit recorded in the history, such as an extension). `refusal`: the
    message when the record's state does not allow it (a default names both states). `public`: performed
    without an account (a citizen's rating by tracking code): the rulebook is not asked.
    """

    name: str
    label: Any
    sources: frozenset[str] = ANY_STATE
    target: str | None = None
    refusal: Any = None
    public: bool = False

    def allowed_from(self, state: str) -> bool:
        return not self.sources or state in self.sources


class Checker(Protocol):
    """What the workflow asks the rulebook (`danvan.accounts.rulebook.Rulebook` implements it)."""

    def allows(self, actor: Any, action: str, record: Any) -> bool: ...

    def require(self, actor: Any, action: str, record: Any) -> None: ...


_REGISTRY: dict[str, Workflow] = {}


@dataclass(frozen=True)
class Moved:
    """What a post-transition hook is told: the workflow, the saved record, the action, both states, who
    and why. Hooks run inside the move's transaction (after the history and audit rows): what they write
    commits or rolls back with the move. `history_id`: the move's history row (None when the caller that
    announces the move did not give it)."""

    workflow: Workflow
    record: Any
    action: str
    from_state: str
    to_state: str
    actor: Any
    reason: str = ""
    history_id: int | None = None


_HOOKS: dict[str, list[Callable[[Moved], None]]] = {}


def on_transition(workflow_name: str, hook: Callable[[Moved], None]) -> None:
    """Register `hook(moved)` to run after every move of the workflow named `workflow_name` (modules above
    core register here, e.g. notifications writing its outbox rows; core never imports them)."""
    hooks = _HOOKS.setdefault(workflow_name, [])
    if hook not in hooks:
        hooks.append(hook)


def announce(moved: Moved) -> None:
    """Run the hooks registered for `moved.workflow`. `perform` calls it; a write that records a move
    without `perform` (intake: the first history row) calls it itself, inside its transaction."""
    for hook in _HOOKS.get(moved.workflow.name, ()):
        hook(moved)


class Workflow:
    """A module's states and actions over one model, its history model and its rulebook."""

    def __init__(
        self,
        name: str,
        *,
        model: type[models.Model],
        history: type[TransitionRecord],
        history_fk: str,
        states: Any,
        actions: Iterable[Action],
        noun: Any,
        rulebook: Checker | None = None,
        state_field: str = "state",
        version_field: str | None = "version",
        describe: Callable[[Any], str] | None = None,
        audit_fields: Iterable[str] = (),
        lock_related: Iterable[str] = (),
        unit_of: Callable[[Any], Any] | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.history = history
        self.history_fk = history_fk
        self.states = states
        self.actions: dict[str, Action] = {}
        for action in actions:
            if action.name in self.actions:
                raise ValueError(f"{name}: action {action.name!r} declared twice")
            labels = {str(v) for v in states.values}
            unknown = (set(action.sources) | ({action.target} if action.target else set())) - labels
            if unknown:
                raise ValueError(f"{name}.{action.name}: unknown states {sorted(unknown)}")
            self.actions[action.name] = action
        self.noun = noun
        self.rulebook = rulebook
        self.state_field = state_field
        self.version_field = version_field
        self.describe = describe or (lambda record: f"{noun} #{record.pk}")
        self.audit_fields = tuple(audit_fields)
        self.lock_related = tuple(lock_related)
        self.unit_of = unit_of or (lambda record: getattr(record, "unit", None))
        _REGISTRY[model._meta.label_lower] = self

    def __repr__(self) -> str:
        return f"<Workflow {self.name}>"

    def action(self, name: str) -> Action:
        try:
            return self.actions[name]
        except KeyError:
            raise Refused(_("Thao tác không hợp lệ.")) from None

    def state_of(self, record: Any) -> str:
        return str(getattr(record, self.state_field))

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def transitions(self) -> dict[str, set[str]]:
        """The state graph derived from the actions: {state: states reachable in one move}."""
        graph: dict[str, set[str]] = {str(s): set() for s in self.states.values}
        for action in self.actions.values():
            if action.target is None:
                continue
            for state in action.sources or graph.keys():
                graph[state].add(action.target)
        return graph

    def check_state(self, action: Action, record: Any) -> None:
        """Raise `Refused` unless the record's state lets `action` run."""
        state = self.state_of(record)
        if action.allowed_from(state):
            return
        if action.refusal:
            raise Refused(action.refusal)
        if action.target is not None:
            raise Refused(
                _("Không thể chuyển %(noun)s từ trạng thái “%(from)s” sang “%(to)s”.")
                % {"noun": self.noun, "from": self.state_label(state), "to": self.state_label(action.target)}
            )
        raise Refused(
            _("Không thể %(action)s khi %(noun)s đang ở trạng thái “%(state)s”.")
            % {"action": str(action.label).lower(), "noun": self.noun, "state": self.state_label(state)}
        )

    def lock(self, pk: Any) -> Any:
        rows = self.model._default_manager.select_for_update()
        return (rows.select_related(*self.lock_related) if self.lock_related else rows).get(pk=pk)


def workflows() -> list[Workflow]:
    """Every declared workflow, by name."""
    return sorted(_REGISTRY.values(), key=lambda w: w.name)


def workflow_for(record: Any) -> Workflow:
    """The workflow of a record or model class."""
    return _REGISTRY[record._meta.label_lower]


def allowed_actions(actor: Any, record: Any) -> list[Action]:
    """The actions `actor` may perform on `record` now: its state allows them and the rulebook too.

    Templates ask this (`{% allowed_actions record as allowed %}`) so that a form is shown only when
    the service would accept it.
    """
    workflow = workflow_for(record)
    state = workflow.state_of(record)
    return [
        action
        for action in workflow.actions.values()
        if not action.public
        and action.allowed_from(state)
        and (workflow.rulebook is None or workflow.rulebook.allows(actor, action.name, record))
    ]


def history_row(
    workflow: Workflow,
    record: Any,
    *,
    actor: Any,
    action: str,
    from_state: str,
    to_state: str | None = None,
    reason: str = "",
    **extra: Any,
) -> TransitionRecord:
    """The unsaved history row of a move (for inserts prepared before a transaction, such as intake)."""
    return workflow.history(
        **{workflow.history_fk: record},
        at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=audit._actor_label(actor),
        action=action,
        from_state=from_state,
        to_state=workflow.state_of(record) if to_state is None else to_state,
        reason=reason,
        **extra,
    )


def perform[M: models.Model](
    workflow: Workflow,
    action: str,
    *,
    actor: Any,
    record: M | Any,
    version: int | None = None,
    reason: str = "",
    apply: Callable[[M], Mapping[str, Any] | None] | None = None,
    extra: Mapping[str, Any] | None = None,
    summary: str | None = None,
) -> M:
    """Perform `action` on `record` (an instance or a primary key) for `actor`, in one transaction.

    Locks the row (`select_for_update`), compares `version` with the row's (`Conflict` when someone moved
    first; None skips the comparison), asks the rulebook (`NotPermitted`), checks the state (`Refused`),
    sets the target state, runs `apply(locked)` (the module's changes: it may raise `Refused` and may
    return extra audit changes), bumps the version, saves, writes the history row (with `extra` columns)
    and the audit row. Returns the saved, locked instance.
    """
    declared = workflow.action(action)
    pk = record.pk if isinstance(record, models.Model) else record
    with transaction.atomic():
        locked = workflow.lock(pk)
        if version is not None and workflow.version_field is not None:
            current = getattr(locked, workflow.version_field)
            if current != version:
                raise Conflict(
                    _(
                        "%(record)s vừa được người khác cập nhật (hiện ở trạng thái “%(state)s”). "
                        "Hãy tải lại trang để xem thay đổi rồi thao tác lại."
                    )
                    % {
                        "record": workflow.describe(locked),
                        "state": workflow.state_label(workflow.state_of(locked)),
                    }
                )
        if not declared.public and workflow.rulebook is not None:
            workflow.rulebook.require(actor, action, locked)
        workflow.check_state(declared, locked)
        from_state = workflow.state_of(locked)
        fields = (workflow.state_field, *workflow.audit_fields)
        before = audit.snapshot(locked, fields)
        if declared.target is not None:
            setattr(locked, workflow.state_field, declared.target)
        more = apply(locked) if apply is not None else None
        if workflow.version_field is not None:
            setattr(locked, workflow.version_field, getattr(locked, workflow.version_field) + 1)
        locked.save()
        to_state = workflow.state_of(locked)
        history = history_row(
            workflow,
            locked,
            actor=actor,
            action=action,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            **dict(extra or {}),
        )
        history.save(force_insert=True)
        changes = audit.diff(before, audit.snapshot(locked, fields))
        changes.update(more or {})
        moved = declared.target is not None
        if summary is None:
            summary = (
                f"{workflow.describe(locked)}: {workflow.state_label(from_state)} → {workflow.state_label(to_state)}"
                if moved
                else f"{workflow.describe(locked)}: {str(declared.label).lower()}"
            )
        audit.record(
            actor=actor,
            action=AuditAction.TRANSITION if moved else AuditAction.UPDATE,
            obj=locked,
            unit=workflow.unit_of(locked),
            summary=summary,
            changes=changes,
        )
        announce(
            Moved(
                workflow=workflow,
                record=locked,
                action=action,
                from_state=from_state,
                to_state=to_state,
                actor=actor,
                reason=reason,
                history_id=history.pk,
            )
        )
    return locked


__all__ = [
    "ANY_STATE",
    "Action",
    "Moved",
    "announce",
    "on_transition",
    "Checker",
    "Workflow",
    "allowed_actions",
    "history_row",
    "perform",
    "workflow_for",
    "workflows",
]
