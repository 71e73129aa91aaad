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
    python bench/bench_situation.py --weekly sqlite|postgres      # the worker's weekly run, national
    SITUATION_BENCH_SIGNALS=5000 python bench/bench_situation.py --child sqlite   # a quick small run

Weekly run (the worker's, end to end, on the database): a national ledger in a database of its own (every
commune of `danvan territory load`, the 12 topics, 104 weeks up to the last complete week;
`SITUATION_BENCH_WEEKLY_SIGNALS` signals, 1,000,000 by default, drawn per (topic, commune) series by
`danvan_devtools.situation_series` with 2 % of the series given a rise of 2-4 weeks somewhere and 0.5 %
a rise in the week the run tests; written by COPY on PostgreSQL, one prepared executemany on SQLite; kept
and reused while the size and the week are the same). Timed, median of `SITUATION_BENCH_WEEKLY_REPEAT`
runs (the week's alerts deleted between runs): the task the worker runs, `situation.tasks.detect_rises`
(collect the sources' last two weeks, which are empty here, then `services.run_detection`: read the
series from the database, run the detector on both levels, write the alerts, notify), `run_detection`
alone, and the baseline, the bare `SELECT topic_id, unit_id, "on", COUNT(*) ... GROUP BY` over the rows
the run reads; target < 10 s.

    SITUATION_BENCH_WEEKLY_SIGNALS=50000 python bench/bench_situation.py --weekly sqlite   # a quick check
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SIGNALS = int(os.environ.get("SITUATION_BENCH_SIGNALS", "50000"))  # a smaller size for a quick check
REPEAT = int(os.environ.get("SITUATION_BENCH_REPEAT", "15"))
PG_NAME = "danvan_bench_situation"
WEEKLY_SIGNALS = int(os.environ.get("SITUATION_BENCH_WEEKLY_SIGNALS", "1000000"))
WEEKLY_REPEAT = int(os.environ.get("SITUATION_BENCH_WEEKLY_REPEAT", "5"))
PG_WEEKLY_NAME = "danvan_bench_situation_weekly"
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"
SERIES = 3321 * 12
WEEKS = 104


def ensure_pg_database(name: str = PG_NAME) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


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


WEEKLY_COLUMNS = (
    "source",
    "source_id",
    "code",
    "page_id",
    "title",
    "topic_id",
    "unit_id",
    "province_id",
    '"on"',
    "cluster",
    "clustered",
    "is_demo",
)


def weekly_generate(data_dir: Path) -> dict[str, Any]:
    """The national ledger of the weekly bench: made once per size and week, reused after."""
    import numpy as np
    from django.db import connection, transaction

    from danvan.core import clock
    from danvan.situation.models import Signal, Source, Topic
    from danvan.situation.periods import week_start
    from danvan_devtools.situation_series import generate as series

    last = week_start(clock.today()) - dt.timedelta(days=7)  # the week the run tests
    marker = data_dir / "weekly.json"
    wanted = {"size": WEEKLY_SIGNALS, "last_week": last.isoformat()}
    if marker.exists() and json.loads(marker.read_text()).get("wanted") == wanted:
        return dict(json.loads(marker.read_text())["made"])
    communes = _communes()
    topics = list(Topic.objects.order_by("order", "code").values_list("pk", flat=True))
    n_series = len(communes) * len(topics)
    # the generator's mean is 0.6 × scale signals a week per series
    planted = series(n_series, WEEKS, seed=19, scale=WEEKLY_SIGNALS / (n_series * WEEKS * 0.6))
    counts = planted.counts
    rng = np.random.default_rng(20)
    rate = counts[:, :-1].mean(axis=1)
    now = rng.random(n_series) < 0.005  # a rise in the tested week
    counts[now, -1] = rng.poisson(np.maximum(4 * rate[now], rate[now] + 3))
    s_idx, w_idx = np.nonzero(counts)
    reps = counts[s_idx, w_idx]
    series_of = np.repeat(s_idx, reps)
    day = (last - dt.timedelta(days=7 * (WEEKS - 1))).toordinal() + 7 * np.repeat(w_idx, reps)
    day += rng.integers(0, 7, size=day.size)
    unit_ids = np.array([c[0] for c in communes], dtype=np.int64)[series_of // len(topics)]
    province_ids = np.array([c[1] for c in communes], dtype=np.int64)[series_of // len(topics)]
    topic_ids = np.array(topics, dtype=np.int64)[series_of % len(topics)]
    iso = {d: dt.date.fromordinal(d).isoformat() for d in range(int(day.min()), int(day.max()) + 1)}
    sources = [Source.PETITION.value, Source.DIALOGUE.value, Source.REPORT.value]
    t = time.perf_counter()

    def rows() -> Any:
        for n, (topic, unit, province, on) in enumerate(
            zip(topic_ids.tolist(), unit_ids.tolist(), province_ids.tolist(), day.tolist(), strict=True)
        ):
            yield (sources[n % 3], n + 1, "", n + 1, "", topic, unit, province, iso[on], "", True, False)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM situation_risealert")
        cursor.execute("DELETE FROM situation_signal")
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY situation_signal ({', '.join(WEEKLY_COLUMNS)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows():
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(WEEKLY_COLUMNS))
            cursor.executemany(
                f"INSERT INTO situation_signal ({', '.join(WEEKLY_COLUMNS)}) VALUES ({marks})", rows()
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE situation_signal" if connection.vendor == "postgresql" else "ANALYZE")
    made = {
        "signals": Signal.objects.count(),
        "communes": len(communes),
        "topics": len(topics),
        "series": n_series,
        "weeks": WEEKS,
        "rising_in_tested_week": int(now.sum()),
        "load_s": round(time.perf_counter() - t, 1),
    }
    marker.write_text(json.dumps({"wanted": wanted, "made": made}))
    return made


def _communes() -> list[tuple[int, int]]:
    """(commune id, its province's id) of every commune the territory loaded."""
    from danvan.territory.models import AdminUnit, Level

    provinces = dict(AdminUnit.objects.filter(level=Level.PROVINCE).values_list("path", "pk"))
    out = []
    for pk, path in AdminUnit.objects.filter(level=Level.COMMUNE).order_by("code").values_list("pk", "path"):
        parts = path.strip("/").split("/")
        out.append((pk, provinces["/".join(parts[:2]) + "/"]))
    return out


def weekly(backend: str) -> dict[str, Any]:
    from common import setup_django

    data_dir = HERE / "data" / "situation-weekly" / backend
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        ensure_pg_database(PG_WEEKLY_NAME)
        setup_django(data_dir, f"postgresql://postgres@127.0.0.1:5432/{PG_WEEKLY_NAME}")
    else:
        setup_django(data_dir)
    made = weekly_generate(data_dir)
    from django.db import connection

    from danvan.core import clock
    from danvan.situation import detector, services, tasks
    from danvan.situation.models import RiseAlert, SeriesLevel
    from danvan.situation.periods import week_start

    last = week_start(clock.today()) - dt.timedelta(days=7)
    span = max(services.thresholds(level).baseline_weeks for level in SeriesLevel) + detector.GUARD_WEEKS + 1
    first = last + dt.timedelta(days=7) - dt.timedelta(days=7 * span)
    bare = (
        'SELECT topic_id, unit_id, "on", COUNT(*) FROM situation_signal WHERE "on" >= %s AND "on" < %s '
        'GROUP BY topic_id, unit_id, "on"'
    )

    def baseline() -> int:
        with connection.cursor() as cursor:
            cursor.execute(bare, [first, last + dt.timedelta(days=7)])
            return len(cursor.fetchall())

    def clear() -> None:
        RiseAlert.objects.filter(week_start=last).delete()

    groups = baseline()  # warm-up: the rows in the cache, scipy loaded
    clear()
    result: Any = tasks.detect_rises.call()
    base_s: list[float] = []
    run_s: list[float] = []
    task_s: list[float] = []
    for _ in range(WEEKLY_REPEAT):
        t = time.perf_counter()
        baseline()
        base_s.append(time.perf_counter() - t)
        clear()
        t = time.perf_counter()
        services.run_detection()
        run_s.append(time.perf_counter() - t)
        clear()
        t = time.perf_counter()
        result = tasks.detect_rises.call()
        task_s.append(time.perf_counter() - t)
    detected = result["detected"]
    return {
        **made,
        "rows_read": groups,
        "commune_series_with_signals": detected["commune_series"],
        "commune_alerts": detected["commune_alerts"],
        "province_alerts": detected["province_alerts"],
        "baseline_p50_s": round(statistics.median(base_s), 3),
        "run_detection_p50_s": round(statistics.median(run_s), 3),
        "task_p50_s": round(statistics.median(task_s), 3),
    }


def run(ctx: Any) -> dict[str, object]:
    from common import child_json

    out: dict[str, object] = {}
    backends = [b for b in os.environ.get("SITUATION_BENCH_BACKENDS", "sqlite,postgres").split(",") if b]
    for backend in backends:
        result = child_json(__file__, "--child", backend, label=f"situation ({backend})")
        out["situation.n_signals"] = result["signals"]
        for key in ("baseline_p50_ms", "selector_p50_ms", "page_p50_ms"):
            out[f"situation.ledger_{key}_{backend}"] = result[key]
    out.update(child_json(__file__, "--detector", label="situation (detector)"))
    for backend in backends:
        weekly_run = child_json(__file__, "--weekly", backend, label=f"situation (weekly run, {backend})")
        for key, value in weekly_run.items():
            out[f"situation.weekly_{key}_{backend}"] = value
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2]), default=str))
    elif len(sys.argv) == 3 and sys.argv[1] == "--weekly":
        print(json.dumps(weekly(sys.argv[2]), default=str))
    elif len(sys.argv) == 2 and sys.argv[1] == "--detector":
        from common import setup_django

        setup_django(HERE / "data" / "situation" / "sqlite")
        print(json.dumps(detector_figures()))
    else:
        from common import BenchContext

        print(json.dumps(run(BenchContext(root=HERE.parent, work=HERE / "data")), indent=2))
