"""Situation awareness: the issue ledger of a province with a year of signals, and the rise detector.

Ledger data (generated once per backend, reused): 50,000 signals over the last 365 days in the province
with the most communes, spread over its communes, the 12 topics and the four sources (a busier topic
in a few communes, half of its signals copies of a few letters: the ledger counts clusters too). The figures are medians over REPEAT calls of
`danvan.situation.selectors.ledger(scope, province)` (the last 30 days grouped by topic and place) and
of the ledger page through the Django test client, against the bare grouped SQL query the selector
runs (the baseline, same run); target p50 < 200 ms.

Detector: weekly counts generated for every (topic × commune) series nationally (3,321 × 12 series ×
104 weeks, `danvan_devtools.situation_series`, 2 % of the series with a planted rise), then
`danvan.situation.detector.detect` over every week (the back-test) and over the last week (the weekly
run); target < 10 s. Precision, recall and delay are measured on the same series.

    python bench/bench_situation.py --child sqlite|postgres      # one backend's ledger figures
    python bench/bench_situation.py --detector                    # the detector's figures
    SITUATION_BENCH_SIGNALS=5000 python bench/bench_situation.py --child sqlite   # a quick small run
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SIGNALS = int(os.environ.get("SITUATION_BENCH_SIGNALS", "50000"))  # a smaller size for a quick check
REPEAT = int(os.environ.get("SITUATION_BENCH_REPEAT", "15"))
PG_NAME = "danvan_bench_situation"
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"
SERIES = 3321 * 12
WEEKS = 104


def ensure_pg_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_NAME,)).fetchone():
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def generate() -> tuple[Any, int]:
    from django.db.models import Count

    from danvan.core import clock
    from danvan.situation.models import Signal, Source, Topic
    from danvan.territory.models import AdminUnit, Level

    province = (
        AdminUnit.objects.filter(level=Level.PROVINCE)
        .annotate(n=Count("children"))
        .order_by("-n", "code")
        .first()
    )
    assert province is not None
    if not Signal.objects.filter(province=province).exists():
        communes = list(AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE))
        topics = list(Topic.objects.all())
        sources = list(Source.values)
        rng = random.Random(19)
        today = clock.today()
        rows = []
        for n in range(SIGNALS):
            hot = n % 10 == 0
            commune = communes[n % 5] if hot else rng.choice(communes)
            topic = topics[1] if hot else rng.choice(topics)
            rows.append(
                Signal(
                    source=sources[n % 4],
                    source_id=n + 1,
                    page_id=n + 1,
                    code=f"B{n}",
                    title="Tín hiệu thử",
                    topic=topic,
                    unit=commune,
                    province=province,
                    on=today - dt.timedelta(days=rng.randrange(365)),
                    # the busy topic is partly a campaign: copies of one letter per 50 signals, clustered
                    cluster=f"petition:{n // 50 * 50}" if hot and n % 20 == 0 else "",
                    clustered=True,
                )  # fmt: skip
            )
        Signal.objects.bulk_create(rows, batch_size=5000)
    return province, Signal.objects.filter(province=province).count()


def child(backend: str) -> dict[str, Any]:
    from common import setup_django

    data_dir = HERE / "data" / "situation" / backend
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        ensure_pg_database()
        setup_django(data_dir, PG_URL)
    else:
        setup_django(data_dir)
    province, n_signals = generate()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from danvan.accounts.models import RoleAssignment, User
    from danvan.accounts.scoping import scope_for
    from danvan.core import clock
    from danvan.situation import selectors

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    user, _ = User.objects.get_or_create(username="bench-situation", defaults={"full_name": "Bench"})
    RoleAssignment.objects.get_or_create(user=user, unit=province, role="officer")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages, ALLOWED_HOSTS=["*"]).enable()
    client = Client()
    client.force_login(user)
    url = f"/situation/so-theo-doi/?unit={province.code}"
    today = clock.today()
    since = today - dt.timedelta(days=selectors.LEDGER_DAYS)
    bare = (
        "SELECT topic_id, unit_id, COUNT(*), COUNT(DISTINCT source) FROM situation_signal "
        'WHERE province_id = %s AND "on" > %s AND "on" <= %s GROUP BY topic_id, unit_id ORDER BY 3 DESC'
    )
    scope = scope_for(user)
    rows = selectors.ledger(scope, province)  # warm-up
    assert client.get(url).status_code == 200
    base_ms: list[float] = []
    sel_ms: list[float] = []
    page_ms: list[float] = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(bare, [province.pk, since, today])
            cursor.fetchall()
        base_ms.append((time.perf_counter() - t) * 1000)
        user._danvan_scope = None  # type: ignore[attr-defined]
        t = time.perf_counter()
        selectors.ledger(scope_for(user), province)
        sel_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        client.get(url)
        page_ms.append((time.perf_counter() - t) * 1000)
    return {
        "signals": n_signals,
        "ledger_rows": len(rows),
        "baseline_p50_ms": round(statistics.median(base_ms), 1),
        "selector_p50_ms": round(statistics.median(sel_ms), 1),
        "page_p50_ms": round(statistics.median(page_ms), 1),
    }


def detector_figures() -> dict[str, object]:
    from danvan.situation.detector import Thresholds, detect
    from danvan_devtools.situation_series import generate as series
    from danvan_devtools.situation_series import measure

    planted = series(SERIES, WEEKS, seed=7)
    t = time.perf_counter()
    detect(planted.counts, Thresholds())
    all_weeks = time.perf_counter() - t
    t = time.perf_counter()
    detect(planted.counts, Thresholds(), last_only=True)
    last_week = time.perf_counter() - t
    out: dict[str, object] = {
        "situation.detector_all_weeks_s": round(all_weeks, 2),
        "situation.detector_last_week_s": round(last_week, 3),
        "situation.detector_series": SERIES,
        "situation.detector_weeks": WEEKS,
    }
    for name, th in (
        ("default", Thresholds()),
        ("single_week_only", Thresholds(gradual=False)),
        ("p1e-3", Thresholds(p_value=1e-3)),
        ("p1e-5", Thresholds(p_value=1e-5)),
    ):
        m = measure(planted, th)
        out[f"situation.detector_{name}_precision"] = m.precision
        out[f"situation.detector_{name}_recall"] = m.recall
        out[f"situation.detector_{name}_delay_mean_weeks"] = m.delay_mean
        out[f"situation.detector_{name}_delay_max_weeks"] = m.delay_max
    strong = series(SERIES, WEEKS, seed=8, factor=6.0, min_extra=6.0)
    m = measure(strong, Thresholds())
    out["situation.detector_strong_rise_precision"] = m.precision
    out["situation.detector_strong_rise_recall"] = m.recall
    out["situation.detector_strong_rise_delay_mean_weeks"] = m.delay_mean
    return out


def run(ctx: Any) -> dict[str, object]:
    out: dict[str, object] = {}
    backends = [b for b in os.environ.get("SITUATION_BENCH_BACKENDS", "sqlite,postgres").split(",") if b]
    for backend in backends:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", backend],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stderr.write(proc.stderr[-3000:])
        if proc.returncode != 0:
            raise RuntimeError(f"bench situation ({backend}) failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        out["situation.n_signals"] = result["signals"]
        for key in ("baseline_p50_ms", "selector_p50_ms", "page_p50_ms"):
            out[f"situation.ledger_{key}_{backend}"] = result[key]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--detector"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(proc.stderr[-3000:])
    if proc.returncode != 0:
        raise RuntimeError("bench situation (detector) failed")
    out.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2]), default=str))
    elif len(sys.argv) == 2 and sys.argv[1] == "--detector":
        from common import setup_django

        setup_django(HERE / "data" / "situation" / "sqlite")
        print(json.dumps(detector_figures()))
    else:
        from common import BenchContext

        print(json.dumps(run(BenchContext(root=HERE.parent, work=HERE / "data")), indent=2))
