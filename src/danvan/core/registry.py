"""Extension points the domain apps register with in their AppConfig.ready():

- `register_nav`: a link in the officer menu or on the citizens' home page;
- `register_demo`: a demo-data loader run by `danvan demo` in `order`;
- `register_dashboard_card`: a template fragment on the officer dashboard;
- `register_health_check`: a named check reported by `/healthz` (`ok` False: status "degraded").
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django_stubs_ext import StrOrPromise

Audience = Literal["public", "officer", "collaborator"]


@dataclass(frozen=True)
class NavItem:
    label: StrOrPromise  # gettext_lazy: shown in the visitor's language
    url_name: str
    audience: Audience
    order: int = 100
    description: StrOrPromise = ""


@dataclass
class DemoContext:
    """What a demo loader receives. `size` is small | province | national."""

    size: str
    rng: random.Random
    progress: Callable[[str, int], Any]  # progress(description, total) -> tqdm-like bar with .update()
    data: dict[str, Any] = field(default_factory=dict)  # loaders share objects (users, units...) here


@dataclass(frozen=True)
class DemoLoader:
    name: str
    order: int
    load: Callable[[DemoContext], None]


@dataclass(frozen=True)
class DashboardCard:
    template: str
    context: Callable[[Any], dict[str, Any]]  # (request) -> template context
    order: int = 100


_nav: list[NavItem] = []
_demo: dict[str, DemoLoader] = {}
_cards: list[DashboardCard] = []
_health: dict[str, Callable[[], dict[str, Any]]] = {}


def register_nav(item: NavItem) -> None:
    if item not in _nav:
        _nav.append(item)


def nav_items(audience: Audience) -> list[NavItem]:
    return sorted((i for i in _nav if i.audience == audience), key=lambda i: (i.order, str(i.label)))


def register_demo(name: str, order: int, load: Callable[[DemoContext], None]) -> None:
    _demo[name] = DemoLoader(name=name, order=order, load=load)


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo.values(), key=lambda d: (d.order, d.name))


def register_dashboard_card(card: DashboardCard) -> None:
    if card not in _cards:
        _cards.append(card)


def dashboard_cards() -> list[DashboardCard]:
    return sorted(_cards, key=lambda c: c.order)


def register_health_check(name: str, check: Callable[[], dict[str, Any]]) -> None:
    """`check()` returns a JSON-able dict with at least `ok` (bool); it must be cheap (a few queries)."""
    _health[name] = check


def health_checks() -> dict[str, Callable[[], dict[str, Any]]]:
    return dict(sorted(_health.items()))
