"""Shared fixtures: the territory, named users (healthchecks style), and a headless Chromium page.

Named users, all in the demo province Lạng Sơn (20) unless said otherwise:
- alice: officer of commune A;       hanna: unit head of commune A;   victor: verifier at commune A
- bob:   officer of commune B (same province);  olga: officer of commune C in Cà Mau (96)
- carol: supervisor of the province; dave: central supervisor;  root: system administrator
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from danvan.territory.models import AdminUnit, Level

PASSWORD = "Mật-khẩu-thử-2025"  # test-only password, never used outside the test database


@dataclass
class Units:
    nation: AdminUnit
    province: AdminUnit
    commune_a: AdminUnit
    commune_b: AdminUnit
    other_province: AdminUnit
    commune_c: AdminUnit


def ensure_territory() -> None:
    from danvan.territory import selectors, services

    if AdminUnit.objects.filter(level=Level.COMMUNE).count() != 3321:
        services.load_territory()
        selectors.clear_caches()


# Rows present once the test database is migrated and the territory loaded: the territory and every
# row seeded by data migrations (field taxonomy, deadline and reception rules, criteria, themes...).
_SEED_SNAPSHOT: list[str] = []


def _seeded_models() -> list[Any]:
    from django.apps import apps
    from django.core import serializers

    app_models = [
        (config, [m for m in config.get_models() if m._meta.managed and not m._meta.proxy])
        for config in apps.get_app_configs()
        if config.name.startswith("danvan.") and config.label != "core"  # the audit log is append-only
    ]
    return list(serializers.sort_dependencies(app_models, allow_cycles=True))


def _take_seed_snapshot() -> None:
    from django.core import serializers

    _SEED_SNAPSHOT.clear()
    for model in _seeded_models():
        queryset = model._default_manager.order_by("pk")
        if queryset.exists():
            _SEED_SNAPSHOT.append(serializers.serialize("json", queryset))


def _restore_seed_snapshot() -> None:
    """After a flush: put the migrated seed rows and the territory back, with their original keys."""
    from django.core import serializers
    from django.db import transaction

    from danvan.territory import selectors

    with transaction.atomic():
        # flush emits post_migrate, and some apps seed rows there again: start from empty tables
        for model in reversed(_seeded_models()):
            model._base_manager.all()._raw_delete(model._base_manager.db)
        for blob in _SEED_SNAPSHOT:
            for obj in serializers.deserialize("json", blob):
                obj.save()
    selectors.clear_caches()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        ensure_territory()
        _take_seed_snapshot()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Transactional and live-server tests flush the database when they end: put the territory and the
    migrated seed rows back (committed) once their fixtures are torn down, so the next test finds them."""
    yield
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and bool(
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if nextitem is not None and (transactional or {"transactional_db", "live_server", "page"} & fixtures):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            if AdminUnit.objects.exists():
                ensure_territory()  # the test did not flush (it failed before its database was used)
            else:
                _restore_seed_snapshot()


@pytest.fixture
def units(db: None) -> Units:
    province = AdminUnit.objects.get(code="20")
    communes = list(AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code")[:2])
    other = AdminUnit.objects.get(code="96")
    return Units(
        nation=AdminUnit.objects.get(code="VN"),
        province=province,
        commune_a=communes[0],
        commune_b=communes[1],
        other_province=other,
        commune_c=AdminUnit.objects.subtree(other).filter(level=Level.COMMUNE).order_by("code").first(),  # type: ignore[arg-type]
    )


def make_user(username: str, unit: AdminUnit, role: str, **extra: Any) -> Any:
    from danvan.accounts.models import RoleAssignment, User

    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=username.capitalize(), **extra
    )
    RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def alice(units: Units) -> Any:
    return make_user("alice", units.commune_a, "officer")


@pytest.fixture
def hanna(units: Units) -> Any:
    return make_user("hanna", units.commune_a, "unit_head")


@pytest.fixture
def victor(units: Units) -> Any:
    return make_user("victor", units.commune_a, "verifier")


@pytest.fixture
def bob(units: Units) -> Any:
    return make_user("bob", units.commune_b, "officer")


@pytest.fixture
def olga(units: Units) -> Any:
    return make_user("olga", units.commune_c, "officer")


@pytest.fixture
def carol(units: Units) -> Any:
    return make_user("carol", units.province, "supervisor")


@pytest.fixture
def dave(units: Units) -> Any:
    return make_user("dave", units.nation, "supervisor")


@pytest.fixture
def root(units: Units) -> Any:
    from danvan.accounts.models import User

    return User.objects.create_superuser(username="root", password=PASSWORD, full_name="Root")


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Browser tests -------------------------------------------------------------------------------------
CHROMIUM = os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.base_url = live_server.url
    page.console_errors = errors
    yield page
    context.close()


def browser_login(page: Any, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dashboard/**")
