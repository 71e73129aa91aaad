"""The rulebook: which roles, at which unit levels, may perform each action on which records.

Each module declares its rulebook once, in `<app>/rulebook.py`:

    RULEBOOK = Rulebook(
        "petitions",
        _("Đơn thư"),
        [
            Rule("accept", _("Thụ lý"), roles=ACT),                          # every level, records below
            Rule("recognise_central", _("Công nhận cấp trung ương"), roles=HEADS, levels={Level.NATION}),
            Rule("see_identity", _("Xem danh tính"), roles=HEADS, reach=UNIT),  # only the unit's own records
        ],
    )

A rule grants an action to a user when one of the user's role assignments has one of the rule's `roles`,
sits at one of the rule's `levels` (0 nation, 1 province, 2 commune), and reaches the record's unit:
`SUBTREE` (the unit and every unit below it, the default) or `UNIT` (that very unit). An optional
`condition` (a `rules` predicate over (user, record)) narrows it further; `condition_text` says it in
words for docs/PERMISSIONS.md. A national administrator (`Scope.is_admin`) holds `admin` at national level.

Each rule is registered as a `rules` permission named "<module>.<action>", so code asks
`RULEBOOK.allows(user, "accept", petition)` (or `rules.has_perm("petitions.accept", user, petition)`) and
templates ask `{% allowed_actions petition as allowed %}` (state and rulebook together) or
`{% load rules %}{% has_perm "petitions.accept" user petition as can %}`. The workflow kit
(`danvan.core.workflow.perform`) calls `require()` inside every move, so the service refuses what the
page does not show. `danvan rulebook` writes docs/PERMISSIONS.md from every rulebook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import Role
from danvan.accounts.scoping import Scope, scope_for
from danvan.core.workflow import NotPermitted
from danvan.territory.models import Level

SUBTREE = "subtree"
UNIT = "unit"
ALL_LEVELS: frozenset[int] = frozenset(Level.values)
ACT: frozenset[str] = frozenset({Role.OFFICER, Role.UNIT_HEAD, Role.ADMIN})
HEADS: frozenset[str] = frozenset({Role.UNIT_HEAD, Role.ADMIN})
LEVEL_NAMES = {
    Level.NATION: gettext_lazy("trung ương"),
    Level.PROVINCE: gettext_lazy("tỉnh"),
    Level.COMMUNE: gettext_lazy("xã"),
}


def level_of_path(path: str) -> int:
    """ "VN/" → 0, "VN/20/" → 1, "VN/20/06253/" → 2."""
    return path.count("/") - 1


@dataclass(frozen=True)
class Rule:
    """Who may perform one action (see the module docstring)."""

    action: str
    label: Any
    roles: AbstractSet[str]
    levels: AbstractSet[int] = ALL_LEVELS
    reach: str = SUBTREE
    condition: Any = None
    condition_text: Any = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(self.roles))
        object.__setattr__(self, "levels", frozenset(self.levels))
        if self.reach not in (SUBTREE, UNIT):
            raise ValueError(f"{self.action}: reach must be SUBTREE or UNIT")

    def grants(self, role: str, level: int, grant_path: str, unit_path: str) -> bool:
        """Does a role assignment (`role` at a unit of `level` with `grant_path`) reach a record's unit?"""
        if role not in self.roles or level not in self.levels:
            return False
        if self.reach == UNIT:
            return grant_path == unit_path
        return unit_path.startswith(grant_path)

    def matches(self, scope: Scope, unit: Any) -> bool:
        if unit is None:
            return False
        if scope.is_admin and Role.ADMIN in self.roles and Level.NATION in self.levels:
            return True
        return any(self.grants(g.role, level_of_path(g.path), g.path, unit.path) for g in scope.grants)

    def who(self) -> str:
        """In words: "Cán bộ, Lãnh đạo đơn vị (xã, tỉnh, trung ương)"."""
        roles = ", ".join(str(Role(r).label) for r in Role.values if r in self.roles)
        levels = ", ".join(str(LEVEL_NAMES[Level(lv)]) for lv in sorted(self.levels, reverse=True))
        return f"{roles} ({levels})"


_RULEBOOKS: dict[str, Rulebook] = {}


def _unit_of(record: Any) -> Any:
    """A record's unit; a unit itself for an action that creates a record there."""
    if hasattr(record, "path") and hasattr(record, "level"):
        return record
    return getattr(record, "unit", None)


@dataclass
class Rulebook:
    """One module's rules; implements `danvan.core.workflow.Checker`."""

    module: str
    title: Any
    rules: Iterable[Rule]
    unit_of: Callable[[Any], Any] = field(default=lambda record: _unit_of(record))
    by_action: dict[str, Rule] = field(init=False)

    def __post_init__(self) -> None:
        self.rules = tuple(self.rules)
        self.by_action = {}
        for rule in self.rules:
            if rule.action in self.by_action:
                raise ValueError(f"{self.module}: rule for {rule.action!r} declared twice")
            self.by_action[rule.action] = rule
            rules.set_perm(self.perm(rule.action), self._predicate(rule))
        _RULEBOOKS[self.module] = self

    def perm(self, action: str) -> str:
        return f"{self.module}.{action}"

    def _predicate(self, rule: Rule) -> Any:
        unit_of = self.unit_of

        @rules.predicate(f"{self.module}.{rule.action}.roles")
        def role_reaches(user: Any, record: Any) -> bool:
            return rule.matches(scope_for(user), unit_of(record))

        return role_reaches & rule.condition if rule.condition is not None else role_reaches

    def rule(self, action: str) -> Rule:
        return self.by_action[action]

    def allows(self, actor: Any, action: str, record: Any) -> bool:
        return bool(rules.has_perm(self.perm(action), actor, record))

    def require(self, actor: Any, action: str, record: Any) -> None:
        if self.allows(actor, action, record):
            return
        rule = self.by_action.get(action)
        if rule is None:
            raise NotPermitted(_("Thao tác này chưa được khai báo trong quy tắc phân quyền."))
        message = _("Bạn không có quyền “%(action)s” với hồ sơ này: chỉ %(who)s của đơn vị phụ trách.") % {
            "action": str(rule.label).lower(),
            "who": rule.who(),
        }
        if rule.condition_text:
            message += " " + str(rule.condition_text)
        raise NotPermitted(message)


def rulebooks() -> list[Rulebook]:
    """Every module's rulebook, by module name."""
    return sorted(_RULEBOOKS.values(), key=lambda r: r.module)


def rulebook_for(module: str) -> Rulebook:
    return _RULEBOOKS[module]


def render_markdown() -> str:
    """docs/PERMISSIONS.md: for each module, who may perform each action, as a unit head reads it."""
    roles = [Role(r) for r in Role.values]
    lines = [
        "# Ai được làm gì: bảng phân quyền (Who may do what)",
        "",
        "<!-- Generated by `danvan rulebook` from each module's rulebook.py: do not edit by hand. -->",
        "",
        "Mỗi ô ghi cấp của đơn vị mà vai trò được giao (xã, tỉnh, trung ương) để được thực hiện thao tác; "
        "“—” là không được phép. Hồ sơ: “đơn vị và cấp dưới” là hồ sơ của đơn vị được giao và mọi đơn vị "
        "trực thuộc; “chỉ đơn vị mình” là hồ sơ của chính đơn vị đó. Thao tác chỉ hiện khi trạng thái "
        "của hồ sơ cho phép và người dùng có quyền; dịch vụ kiểm tra lại đúng các điều kiện đó.",
        "",
    ]
    for book in rulebooks():
        lines += [f"## {book.title} (`{book.module}`)", ""]
        header = ["Thao tác", *[str(r.label) for r in roles], "Hồ sơ", "Điều kiện thêm"]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for rule in book.rules:
            cells = [f"{rule.label} (`{rule.action}`)"]
            for role in roles:
                if role in rule.roles:
                    cells.append(
                        ", ".join(str(LEVEL_NAMES[Level(lv)]) for lv in sorted(rule.levels, reverse=True))
                    )
                else:
                    cells.append("—")
            cells.append("đơn vị và cấp dưới" if rule.reach == SUBTREE else "chỉ đơn vị mình")
            cells.append(str(rule.condition_text) or "")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)
