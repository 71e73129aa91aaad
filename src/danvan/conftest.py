"""Shared fixtures: the territory, named users (healthchecks style), and a headless Chromium page.

Named users, all in the demo province Lạng Sơn (20) unless said otherwise:
- alice: officer of commune A;       hanna: unit head of commune A;   victor: verifier at commune A
- bob:   officer of commune B (same province);  olga: officer of commune C in Cà Mau (96)
- carol: supervisor of the province; dave: central supervisor;  root: system administrator
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client, override_settings

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
# row seeded by data migrations (field taxonomy, deadline and reception rules, criteria, themes...), kept as
# the database's own column values per table (dependencies first), many-to-many tables included.
_SEED_SNAPSHOT: list[tuple[Any, str, list[tuple[Any, ...]]]] = []


def _seeded_models() -> list[Any]:
    from django.apps import apps
    from django.core import serializers

    app_models = [
        (
            config,
            [
                m
                for m in config.get_models(include_auto_created=True)
                if m._meta.managed and not m._meta.proxy
            ],
        )
        for config in apps.get_app_configs()
        if config.name.startswith("danvan.") and config.label != "core"  # the audit log is append-only
    ]
    return list(serializers.sort_dependencies(app_models, allow_cycles=True))


def _take_seed_snapshot() -> None:
    from django.db import connection

    quote = connection.ops.quote_name
    _SEED_SNAPSHOT.clear()
    with connection.cursor() as cursor:
        for model in _seeded_models():
            table = quote(model._meta.db_table)
            columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {quote(model._meta.pk.column)}")  # noqa: S608
            rows = cursor.fetchall()
            if rows:
                marks = ", ".join(["%s"] * len(model._meta.concrete_fields))
                _SEED_SNAPSHOT.append((model, f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows))  # noqa: S608


def _restore_seed_snapshot() -> None:
    """After a flush: put the migrated seed rows and the territory back, with their original keys, as the
    column values read at the start (one executemany per table: saving each row took seconds per test)."""
    from django.db import connection, transaction

    from danvan.territory import selectors

    with transaction.atomic(), connection.cursor() as cursor:
        # flush emits post_migrate, and some apps seed rows there again: start from empty tables
        for model in reversed(_seeded_models()):
            model._base_manager.all()._raw_delete(model._base_manager.db)
        for model, insert, rows in _SEED_SNAPSHOT:
            model._base_manager.all()._raw_delete(model._base_manager.db)  # rows a trigger wrote meanwhile
            cursor.executemany(insert, rows)
    selectors.clear_caches()


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 at the lowest cost the algorithm allows, for the test suite only: the production parameters
    (100 MiB, several passes) took 0.15-0.4 s for each user a fixture made and each login a browser did."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=["danvan.conftest.QuickArgon2PasswordHasher"]):
        yield


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
            from django.core.cache import cache

            cache.clear()  # the shared cache is a table that flush does not empty (rate limits, lockouts)
            if AdminUnit.objects.exists():
                ensure_territory()  # the test did not flush (it failed before its database was used)
            else:
                _restore_seed_snapshot()


# --- The clock sweep ----------------------------------------------------------------------------------
# Tests marked `clock_sweep` run once at the real time and again with the clock moved (time-machine) to
# instants where the Vietnamese day and the UTC day differ or a period turns: the first and last minutes
# before 07:00 Vietnam time (the previous day in UTC), New Year's night, the eve and first day of Tết, and
# the last minute of a half-year. `DANVAN_TEST_CLOCK=2026-12-03T00:30+07:00` moves every test's clock.
def _tet(year: int) -> dt.date:
    import holidays

    days = holidays.country_holidays("VN", years=year, language="en_US")
    return min(day for day, name in days.items() if "Lunar New Year" in name)


_VN = dt.timezone(dt.timedelta(hours=7))
_TET = _tet(2027)
CLOCK_SWEEP: dict[str, dt.datetime] = {
    "vn-00h30": dt.datetime(2026, 12, 3, 0, 30, tzinfo=_VN),
    "vn-06h59": dt.datetime(2026, 12, 3, 6, 59, tzinfo=_VN),
    "new-year-00h30": dt.datetime(2027, 1, 1, 0, 30, tzinfo=_VN),
    "tet-eve-23h30": dt.datetime.combine(_TET - dt.timedelta(days=1), dt.time(23, 30), tzinfo=_VN),
    "tet-day1-00h30": dt.datetime.combine(_TET, dt.time(0, 30), tzinfo=_VN),
    "half-year-23h59": dt.datetime(2027, 6, 30, 23, 59, tzinfo=_VN),
}


# The time-sensitive tests: deadlines and working days, overdue and due-soon lists, the digest, periods and
# their boundaries, reception compliance, dialogue notice rules, indicators by day/month/year, exports.
# A module (every test in it) or one test; a test can also carry `@pytest.mark.clock_sweep` itself.
CLOCK_SWEPT = (
    "core/tests/test_calendar.py",
    "core/tests/test_clock_rule.py::test_the_rule_catches_each_form_of_the_mistake",
    "petitions/tests/test_local_dates.py",
    "petitions/tests/test_workflow.py",
    "petitions/tests/test_watcher.py::test_editing_a_deadline_rule_takes_effect_on_the_next_submission",
    "petitions/tests/test_intake.py::test_a_feedback_from_the_web_is_received_with_an_unguessable_code",
    "petitions/tests/test_intake.py::test_a_complaint_past_its_limitation_period",
    "petitions/tests/test_views.py::test_the_dashboard_card_counts_overdue_and_due_soon_in_scope",
    "petitions/tests/test_import_and_reports.py::test_indicators_count_received_resolved_on_time_and_overdue",
    "engagement/tests/test_dialogues.py",
    "engagement/tests/test_reception.py",
    "engagement/tests/test_coverage.py",
    "engagement/tests/test_views.py::test_the_coverage_page_lists_the_units_behind_each_figure",
    "engagement/tests/test_views.py::test_the_dashboard_card_shows_my_overdue_commitments_and_the_coverage",
    "engagement/tests/test_views.py::test_the_calendar_shows_dialogues_of_the_subtree",
    "reporting/tests/test_counts.py::test_the_bucket_spans_cover_every_day_of_a_period_exactly_once",
    "reporting/tests/test_counts.py::test_every_indicator_reading_the_counts_gives_the_figures_of_the_raw",
    "reporting/tests/test_counts.py::test_the_counts_equal_a_recount_after_create_transfer_resolve",
    "reporting/tests/test_reports.py",
    "reporting/tests/test_rollup.py::test_a_closed_period_keeps_its_frozen_figures",
    "reporting/tests/test_exports.py::test_xlsx_and_csv_exports_contain_every_table_and_are_audited",
    "reporting/tests/test_conferences.py::test_directives_become_tasks_counted_in_the_next_period",
    "reporting/tests/test_views.py::test_the_officer_dashboard_card_counts_reports_and_overdue_tasks",
    "exemplars/tests/test_services.py::test_the_indicators_count_registered_recognised_retired",
    "exemplars/tests/test_services.py::test_the_yearly_review_retires_a_model",
)


def _swept(definition: pytest.Function) -> bool:
    if definition.get_closest_marker("clock_sweep"):
        return True
    nodeid = definition.nodeid.split("[", 1)[0]
    return any(
        nodeid.startswith(f"src/danvan/{entry}")
        if "::" in entry
        else nodeid.split("::", 1)[0].endswith(entry)
        for entry in CLOCK_SWEPT
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if _swept(metafunc.definition) and "swept_clock" in metafunc.fixturenames:
        metafunc.parametrize(
            "swept_clock", [None, *CLOCK_SWEEP.values()], ids=["now", *CLOCK_SWEEP], indirect=True
        )


@pytest.fixture(autouse=True)
def swept_clock(request: pytest.FixtureRequest) -> Iterator[dt.datetime | None]:
    """Moves the clock for the test (before any other fixture builds its data); it keeps ticking."""
    instant: dt.datetime | None = getattr(request, "param", None)
    if instant is None and os.environ.get("DANVAN_TEST_CLOCK"):
        instant = dt.datetime.fromisoformat(os.environ["DANVAN_TEST_CLOCK"])
    if instant is None:
        yield None
        return
    import time_machine

    with time_machine.travel(instant, tick=True):
        yield instant


def _reset_task_backends() -> None:
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None  # type: ignore[attr-defined]
    task_backends._connections = Local(task_backends.thread_critical)  # type: ignore[attr-defined]


@pytest.fixture
def database_tasks(settings: Any) -> Iterator[None]:
    """The production task backend (django-tasks-db) instead of the tests' immediate one: a test then runs
    the queued tasks with the real worker (`call_command("db_worker", "--batch", "--no-startup-delay")`),
    under `django_db(transaction=True)` (the worker closes its connection when its batch ends)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _reset_task_backends()
    yield
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _reset_task_backends()


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


# Cipher text (Fernet tokens) and keyed digests are random letters and digits: a short fragment of an
# identity ("247", "Xuan") turns up in them by chance. Tests that look for an identity in a stored row
# read its plain columns only; that the confidential columns are cipher text is checked where they are
# decrypted.
_OPAQUE = re.compile(r"[A-Za-z0-9+/=_$.-]{32,}")


def stored_row_text(table: str, column: str, value: Any) -> str:
    """The plain text of the first stored row of ``table`` whose ``column`` is ``value``, cipher text and digests left out."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {column} = %s", [value])  # noqa: S608 - test-only, names are literals
        row = cursor.fetchone()
    return " ".join(_OPAQUE.sub("", str(v)) for v in row)


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
