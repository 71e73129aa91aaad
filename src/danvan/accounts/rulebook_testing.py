"""The generated rulebook test: every action × role × unit level of a module, both sides checked.

A module's `tests/test_rulebook.py` describes how to build a record ready for each action, where its page
is and what a valid submission of each action's form is; `cases()` generates one test per action, role
and unit level, and `check()` makes a user with that role at the unit of that level above the record
(nation, province, or the record's own commune) and checks that the page and the service agree with the
rulebook: a forbidden action is neither shown (no `data-action="<name>"` form) nor accepted (no history
row written), an allowed one is shown and accepted.

    MATRIX = Matrix(rulebook=RULEBOOK, workflow=WORKFLOW, make=make, page=page, post=post)

    @pytest.mark.parametrize("case", MATRIX.cases(), ids=str)
    def test_the_page_and_the_service_agree_with_the_rulebook(case, units, ...):
        MATRIX.check(case, units=units, context=...)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from danvan.accounts.models import Role, RoleAssignment, User
from danvan.accounts.rulebook import Rulebook
from danvan.core.workflow import Workflow
from danvan.territory.models import AdminUnit, Level


@dataclass(frozen=True)
class Case:
    action: str
    role: str
    level: int

    def __str__(self) -> str:
        return f"{self.action}-{self.role}-{Level(self.level).name.lower()}"


@dataclass
class Matrix:
    """How to exercise one module's actions (see the module docstring).

    `make(action, context)`: a record in a state where `action` may run, at a commune;
    `page(record)`: the URL of its page; `post(record, action, context)`: (URL, form data) of a valid
    submission; `records(record)`: how many history rows it has (defaults to the workflow's history);
    `actions`: which of the rulebook's actions to walk (default: every one the workflow declares).
    """

    rulebook: Rulebook
    workflow: Workflow
    make: Callable[[str, Any], Any]
    page: Callable[[Any], str]
    post: Callable[[Any, str, Any], tuple[str, dict[str, Any]]]
    actions: Iterable[str] | None = None
    unit_of: Callable[[Any], AdminUnit] = field(default=lambda record: record.unit)

    def action_names(self) -> list[str]:
        if self.actions is not None:
            return list(self.actions)
        return [
            a.name
            for a in self.workflow.actions.values()
            if not a.public and a.name in self.rulebook.by_action
        ]

    def cases(self) -> list[Case]:
        return [
            Case(action, role, level)
            for action, role, level in itertools.product(self.action_names(), Role.values, Level.values)
        ]

    def declared(self, case: Case, grant: AdminUnit, unit: AdminUnit) -> bool:
        """What the rule says, read from its declaration (roles, levels, reach), without `rules`."""
        rule = self.rulebook.rule(case.action)
        if case.role == Role.ADMIN and grant.level == Level.NATION and Role.ADMIN in rule.roles:
            return Level.NATION in rule.levels
        return rule.grants(case.role, grant.level, grant.path, unit.path)

    def check(self, case: Case, context: Any) -> None:
        record = self.make(case.action, context)
        unit = self.unit_of(record)
        grant = _ancestor(unit, case.level)
        user = User.objects.create_user(username=f"matrix-{case}", password="x-Matrix-2025")
        RoleAssignment.objects.create(user=user, unit=grant, role=case.role)
        record = type(record)._default_manager.get(pk=record.pk)
        expected = self.rulebook.allows(user, case.action, record)
        if self.rulebook.rule(case.action).condition is None:
            assert expected == self.declared(case, grant, unit), (
                f"{case}: rules predicate differs from the table"
            )
        client = Client()
        client.force_login(user)
        html = client.get(self.page(record)).content.decode()
        shown = f'data-action="{case.action}"' in html
        history = self.workflow.history._default_manager.filter(**{self.workflow.history_fk: record})
        before = history.count()
        url, data = self.post(record, case.action, context)
        response = client.post(url, data)
        accepted = history.count() > before
        assert shown == expected, f"{case}: rulebook says {expected}, the page shows the form: {shown}"
        assert accepted == expected, (
            f"{case}: rulebook says {expected}, the service accepted: {accepted} (HTTP {response.status_code})"
        )
        if not expected:
            assert response.status_code in (403, 404), f"{case}: refused with HTTP {response.status_code}"


def _ancestor(unit: AdminUnit, level: int) -> AdminUnit:
    """The unit of `level` above `unit` (or `unit` itself); below a higher unit, its first such unit."""
    if level > unit.level:
        below = AdminUnit.objects.subtree(unit).filter(level=level).order_by("path").first()
        assert below is not None
        return below
    parts = unit.path.strip("/").split("/")
    return AdminUnit.objects.get(path="/".join(parts[: level + 1]) + "/")
