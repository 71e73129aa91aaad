"""The analysis runs in its own process (`danvan petitions enrich --watch`); the web path stays light."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core import clock
from danvan.petitions import services
from danvan.petitions.models import DeadlineRule, Field, Petition, RoutingRule
from danvan.petitions.tests.conftest import LAND

pytestmark = pytest.mark.django_db

HEAVY = ("underthesea", "sklearn", "datasketch", "scipy", "danvan.petitions.engines.classifier")
OFFICE = ("docx", "openpyxl")  # the reports' DOCX/XLSX writers: loaded on the first export only


def _pending() -> int:
    return Petition.objects.filter(enrich_queued_at__isnull=False).count()


def test_the_watcher_analyses_every_pending_petition_then_stops_when_asked(make_data, asynchronous):
    first = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    second = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    assert _pending() == 2
    stop = threading.Event()
    lines: list[str] = []

    def report(line: str) -> None:
        lines.append(line)
        stop.set()  # the first progress line comes after the pending batch: ask the loop to end

    stats = services.watch_pending(stop=stop, interval=0.01, report=report)
    assert stats.enriched == 2 and stats.failed == 0 and _pending() == 0
    assert lines == ["Đã phân tích 2 đơn (tổng 2)."]
    second.refresh_from_db()
    assert second.suggested_field is not None and second.suggested_field.code == "dat_dai"
    assert [c.candidate_id for c in second.duplicate_candidates.all()] == [first.pk]


def test_the_watcher_skips_a_petition_whose_analysis_fails_and_goes_on_with_the_others(
    make_data, asynchronous, monkeypatch
):
    bad = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    good = services.submit_petition(actor=None, channel="web", data=make_data())
    real = services.enrich_petition

    def flaky(petition_id: int) -> bool:
        if petition_id == bad.pk:
            raise ValueError("corrupt text")
        return real(petition_id)

    monkeypatch.setattr(services.enrichment, "enrich_petition", flaky)
    stop = threading.Event()
    stats = services.watch_pending(stop=stop, interval=0.01, report=lambda line: stop.set())
    assert stats.enriched == 1 and stats.failed == 1
    assert list(Petition.objects.filter(enrich_queued_at__isnull=False).values_list("pk", flat=True)) == [
        bad.pk
    ]
    good.refresh_from_db()
    assert good.enrich_queued_at is None


class _Output(StringIO):
    """The command's stdout; tells when the pending petitions have been analysed."""

    def __init__(self) -> None:
        super().__init__()
        self.analysed = threading.Event()

    def write(self, text: str) -> int:
        if "Đã phân tích" in text:
            self.analysed.set()
        return super().write(text)


def test_the_watch_command_analyses_pending_petitions_and_stops_gracefully_on_sigterm(
    make_data, asynchronous
):
    services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    services.submit_petition(actor=None, channel="web", data=make_data())
    out = _Output()
    before = signal.getsignal(signal.SIGTERM)

    def terminate_when_done() -> None:
        out.analysed.wait(timeout=120)
        os.kill(os.getpid(), signal.SIGTERM)

    killer = threading.Thread(target=terminate_when_done, daemon=True)
    killer.start()
    call_command("petitions", "enrich", "--watch", "--interval", "0.05", "--nice", "0", stdout=out)
    killer.join(timeout=5)
    text = out.getvalue()
    assert "đang chờ 2 đơn" in text
    assert "Nhận tín hiệu SIGTERM" in text and "Đã dừng: 2 đơn đã phân tích" in text
    assert _pending() == 0
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back


def test_editing_a_routing_rule_takes_effect_on_the_next_submission(make_data, units):
    data = make_data(field="moi_truong")
    assert services.submit_petition(actor=None, channel="web", data=data).unit == units.commune_a
    rule = RoutingRule.objects.create(
        kind="",
        field=Field.objects.get(code="moi_truong"),
        level="province",
        priority=500,
        effective_from=dt.date(2000, 1, 1),
    )
    assert services.submit_petition(actor=None, channel="web", data=data).unit == units.province
    rule.level = "commune"  # edited, as in the admin
    rule.save()
    assert services.submit_petition(actor=None, channel="web", data=data).unit == units.commune_a
    rule.delete()
    assert services.submit_petition(actor=None, channel="web", data=data).unit == units.commune_a


def test_editing_a_deadline_rule_takes_effect_on_the_next_submission(make_data):
    before = services.submit_petition(actor=None, channel="web", data=make_data())
    DeadlineRule.objects.filter(kind="feedback", step="accept").update(days=3, working_days=False)
    after = services.submit_petition(actor=None, channel="web", data=make_data())
    assert before.accept_due is not None and after.accept_due is not None
    assert (
        (after.accept_due - clock.local_date(after.received_at)).days
        <= 3
        < (before.accept_due - clock.local_date(before.received_at)).days
    )


def test_the_rules_are_read_from_memory_until_they_change(make_data, asynchronous):
    services.submit_petition(actor=None, channel="web", data=make_data())
    with CaptureQueriesContext(connection) as ctx:
        services.submit_petition(actor=None, channel="web", data=make_data(field="moi_truong"))
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "petitions_routingrule" not in sql and "petitions_deadlinerule" not in sql
    assert "territory_adminunit" not in sql
    assert "petitions_ruletablestamp" in sql  # the one cheap check


def test_the_web_path_does_not_import_the_classifier_underthesea_or_the_office_writers(
    make_data, client, asynchronous, monkeypatch, tmp_path
):
    # Importing the web application (settings, apps, URLconf, views) in a fresh interpreter.
    code = (
        "import json, sys, django; django.setup(); import danvan.wsgi, danvan.urls; "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {list(HEAVY)!r} or m in {list(HEAVY)!r})))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "PYTEST_CURRENT_TEST"}
    env.update(DJANGO_SETTINGS_MODULE="danvan.settings", DANVAN_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    office = subprocess.run(
        [sys.executable, "-c", code.replace(repr(list(HEAVY)), repr(list(OFFICE)))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(office.stdout.strip().splitlines()[-1]) == []

    # Handling a public submission in this process imports nothing heavy either.
    imported: list[str] = []
    real_import = builtins.__import__

    def recording_import(
        name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        imported.extend([name, *(f"{name}.{item}" for item in fromlist or ())])
        return real_import(name, globals, locals, fromlist, level)

    data = make_data()
    client.get("/petitions/gui-don/")
    monkeypatch.setattr(builtins, "__import__", recording_import)
    response = client.post("/petitions/gui-don/", data)
    monkeypatch.undo()
    assert response.status_code == 302
    assert not [m for m in imported if m.split(".")[0] in HEAVY or m in HEAVY or "engines" in m]
