"""Petitions benchmark: 1,000,000 stored petitions (SQLite, generated once into bench/data/petitions/).

Figures: intake through the public form over HTTP (gunicorn, loopback, with the analysis process
`danvan petitions enrich --watch` running beside it as `make run` starts it) and its ratio to a bare
Django view that only inserts one row, in the same run; the intake journal's backlog after the burst, the
rate at which the analysis process then enters it in the register, and the sustained rate (the burst's
submissions over the window plus that catch-up); the analysis backlog and catch-up rate; duplicate
check p50/p99; officer list and search p50; web worker RSS (and whether a worker loaded the classifier);
classifier held-out accuracy; dedup precision/recall on the shipped labelled pairs.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from common import BenchContext, free_port, percentile, setup_django

from danvan.core import clock

N = int(os.environ.get("PETITIONS_BENCH_N", "1000000"))
CHUNK = 10000
LOAD_SECONDS = float(os.environ.get("PETITIONS_BENCH_SECONDS", "20"))
CLIENT_THREADS = 4
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


DISTINCT = int(os.environ.get("PETITIONS_BENCH_DISTINCT", "50000"))


def _texts(args: tuple[int, int]) -> list[tuple[str, bytes, list[int]]]:
    """Texts, their signatures and the keys a group's first petition stores (computed in the pool)."""
    seed, n = args
    from danvan.petitions import duplicates
    from danvan.petitions.engines import dedup
    from danvan_devtools import datagen

    out = []
    for text in datagen.synthetic_corpus(n, seed=seed):
        sig = dedup.signature(text)
        title = _title(text)
        out.append(
            (text, sig, [b.key for b in duplicates.bands_for(0, sig, duplicates.dedup_text(title, text))])
        )
    return out


def _title(text: str) -> str:
    return " ".join(text.split(" ")[:10])[:200]


def _generate(data_dir: Path) -> None:
    """Insert N petitions and their LSH band rows with raw bulk inserts (generated once, then reused).

    DISTINCT texts (with their MinHash signatures and folded search text) are generated and reused
    round-robin, so every text is stored N / DISTINCT times: a pessimistic case for the duplicate check
    (each probe meets whole groups of identical petitions). The petition table's triggers (full-text
    index, other modules' count tables) and secondary indexes are dropped during the load and put back
    at the end: the indexes are built once, the FTS index rebuilt, and the count tables recomputed.
    """
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.core.text import fold_words
    from danvan.petitions import search
    from danvan.petitions.models import Field, Petition
    from danvan.territory.models import AdminUnit, Level

    rng = random.Random(2026)
    started = time.perf_counter()
    # What the analysis stores: the LSH bands, the matter keys and the copy key of a group's first
    # petition; the later copies of a text join its group and store none.
    with Pool(2) as pool:
        generated = [
            x
            for chunk in pool.imap(_texts, [(1000 + i, 1000) for i in range(DISTINCT // 1000)])
            for x in chunk
        ]
    pool_texts = [(text, sig) for text, sig, _ in generated]
    bands = [keys for _, _, keys in generated]
    titles = [_title(text) for text, _ in pool_texts]
    # search_text_for(code, title, text) folds word by word: the code's part is folded per row.
    folded = [fold_words(f"{title} {text}") for title, (text, _) in zip(titles, pool_texts, strict=True)]
    assert (
        search.search_text_for("DV-AB2C", titles[0], pool_texts[0][0])
        == f"{fold_words('DV-AB2C')} {folded[0]}"
    )
    print(f"  {len(pool_texts):,} distinct texts signed ({time.perf_counter() - started:.0f}s)", flush=True)
    communes = list(AdminUnit.objects.filter(level=Level.COMMUNE).values_list("id", "parent_id"))
    field_ids = list(Field.objects.values_list("pk", flat=True))
    kinds = ["feedback"] * 4 + ["proposal"] * 3 + ["complaint"] * 2 + ["denunciation"]
    states_recent = ["received", "accepted", "in_progress", "resolved", "closed", "transferred"]
    now = timezone.now()
    today = clock.today()
    fields = [f for f in Petition._meta.concrete_fields if not f.primary_key]
    template = Petition()
    defaults = {f.attname: getattr(template, f.attname) for f in fields}
    varying = {
        "tracking_code", "kind", "state", "unit_id", "received_unit_id", "place_id", "field_id", "title",
        "content", "received_at", "due_date", "signature", "search_text",
    }  # fmt: skip
    constant = dict(defaults, channel="web", petitioner_name="Người gửi mẫu", is_demo=True)
    prepared = {
        f.attname: f.get_db_prep_save(constant[f.attname], connection)
        for f in fields
        if f.attname not in varying
    }
    prep = {f.attname: f for f in fields}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * (len(fields) + 1))
    sql_petition = f"INSERT INTO petitions_petition (id, {columns}) VALUES ({marks})"
    sql_band = "INSERT INTO petitions_petitionband (key, petition_id) VALUES (%s, %s)"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM petitions_petition")
        next_id = cursor.fetchone()[0] + 1
        cursor.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
            "('petitions_petition', 'petitions_petitionband') AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        )
        dropped = cursor.fetchall()
        for kind, name, _ in dropped:
            cursor.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    codes: set[str] = set()
    for start in range(0, N, CHUNK):
        rows = []
        band_rows = []
        for i in range(start, min(N, start + CHUNK)):
            k = i % len(pool_texts)
            text, sig = pool_texts[k]
            code = ""
            while not code or code in codes:
                raw = "".join(rng.choice(_ALPHABET) for _ in range(12))
                code = f"DV-{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            codes.add(code)
            commune_id, province_id = rng.choice(communes)
            unit_id = province_id if rng.random() < 0.1 else commune_id
            received = now - dt.timedelta(days=rng.random() * 3650)
            state = "closed" if (now - received).days > 120 else rng.choice(states_recent)
            open_ = state in ("received", "accepted", "in_progress", "transferred")
            values = dict(
                prepared,
                tracking_code=code,
                kind=rng.choice(kinds),
                state=state,
                unit_id=unit_id,
                received_unit_id=unit_id,
                place_id=commune_id,
                field_id=rng.choice(field_ids),
                title=titles[k],
                content=text,
                received_at=prep["received_at"].get_db_prep_save(received, connection),
                due_date=prep["due_date"].get_db_prep_save(
                    today + dt.timedelta(days=rng.randint(-20, 30)) if open_ else None, connection
                ),
                signature=sig,
                search_text=f"{fold_words(code)} {folded[k]}",
            )
            pk = next_id + i
            rows.append([pk] + [values[f.attname] for f in fields])
            if i < len(pool_texts):  # the group's representative
                band_rows.extend((key, pk) for key in bands[k])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql_petition, rows)
            cursor.executemany(sql_band, band_rows)
        if (start + CHUNK) % 100000 == 0:
            print(f"  {start + CHUNK:,} petitions ({time.perf_counter() - started:.0f}s)", flush=True)
    with connection.cursor() as cursor:
        for _kind, _, sql in sorted(dropped, key=lambda d: d[0] != "index"):  # indexes, then triggers
            cursor.execute(sql)
        cursor.execute("INSERT INTO petitions_petition_fts(petitions_petition_fts) VALUES ('rebuild')")
        cursor.execute("ANALYZE")
    if any(name.startswith("reporting_") for _, name, _ in dropped):
        call_command("reporting", "rebuild-counts", verbosity=0)
    print(f"  indexes built ({time.perf_counter() - started:.0f}s)", flush=True)
    (data_dir / f"ready-v2-{N}").write_text("ok")


@contextmanager
def _server(ctx: BenchContext, data_dir: Path, app: str, extra: dict[str, str]) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = ctx.env(data_dir, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ctx.root / "bench"), env.get("PYTHONPATH", "")]))
    proc = subprocess.Popen(
        [
            str(Path(ctx.python).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        env=env,
    )
    import requests

    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                requests.get(base + "/healthz", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextmanager
def _watcher(ctx: BenchContext, data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`danvan petitions enrich --watch` beside the server; stopped with SIGTERM (graceful)."""
    proc = subprocess.Popen(
        [ctx.python, "-m", "danvan", "petitions", "enrich", "--watch"],
        env=ctx.env(data_dir),
        stdout=subprocess.DEVNULL,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=120)


def _wait_until(condition: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _maps_mention(pid: int, names: tuple[str, ...]) -> bool:
    """Whether the process has mapped files of these packages (their compiled extensions)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return any(f"/{name}/" in maps for name in names)


def _load(url: str, form_url: str | None, payload: dict[str, str], seconds: float) -> tuple[float, int]:
    """(Accepted POSTs per second, accepted POSTs) with CLIENT_THREADS keep-alive clients."""
    import requests

    stop = time.perf_counter() + seconds
    counts: list[int] = []

    def client(i: int) -> None:
        session = requests.Session()
        token = ""
        if form_url:
            page = session.get(form_url, timeout=30).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        ok = 0
        n = 0
        while time.perf_counter() < stop:
            n += 1
            body = dict(payload, title=f"{payload['title']} {i}-{n}", csrfmiddlewaretoken=token)
            r = session.post(url, data=body, allow_redirects=False, timeout=60, headers={"Referer": url})
            ok += r.status_code in (201, 302)
        counts.append(ok)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENT_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - started), sum(counts)


def _workers(master_pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children


def _workers_cpu_s(master_pid: int) -> float:
    """User + system CPU seconds used so far by the gunicorn workers (requests and background threads)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _workers(master_pid):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _worker_rss_mb(master_pid: int) -> float:
    children: list[int] = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(c) for c in text]
    rss = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss.append(int(line.split()[1]) / 1024)
    return round(max(rss), 1) if rss else float("nan")


def run(ctx: BenchContext) -> dict[str, object]:
    data_dir = Path(os.environ.get("PETITIONS_BENCH_DIR") or ctx.work / "petitions")
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DANVAN_MANIFEST_STATIC"] = "0"  # static files are not collected for the bench
    setup_django(data_dir)
    if not (data_dir / f"ready-v2-{N}").exists():
        print(f"Generating {N:,} petitions into {data_dir} (once)…", flush=True)
        _generate(data_dir)

    from django.test import Client

    from danvan.accounts.models import Role, RoleAssignment, User
    from danvan.petitions import duplicates
    from danvan.petitions.engines import classifier, dedup
    from danvan.petitions.models import Petition
    from danvan.territory.models import AdminUnit, Level
    from danvan_devtools import datagen

    n = Petition.objects.count()
    results: dict[str, object] = {"petitions.n": n}

    # Duplicate check at intake: signature + band lookup + confirmation, against every stored petition.
    probes = list(datagen.synthetic_corpus(300, seed=424242))
    samples = []
    for text in probes:
        t = time.perf_counter()
        duplicates.analyse(text)  # what the analysis runs: copy probe, keys, confirmation
        samples.append((time.perf_counter() - t) * 1000)
    results["petitions.dedup_p50_ms"] = round(statistics.median(samples), 2)
    results["petitions.dedup_p99_ms"] = round(percentile(samples, 99), 2)
    results["petitions.dedup_load_average"] = round(os.getloadavg()[0], 1)
    if os.environ.get("PETITIONS_BENCH_ONLY") == "dedup":  # the duplicate check's speed alone
        return results
    pairs = dedup.evaluate_pairs()
    results["petitions.dedup_precision"] = round(pairs["precision"], 3)
    results["petitions.dedup_recall"] = round(pairs["recall"], 3)
    results["petitions.classifier_accuracy"] = round(classifier.evaluate()["accuracy"], 3)

    # Officer list (filtered, paginated) and search, as the provincial supervisor of Lạng Sơn.
    province = AdminUnit.objects.get(code="20")
    user = User.objects.filter(username="bench-tinh").first()
    if user is None:
        user = User.objects.create_user(username="bench-tinh", password=None, full_name="Bench")
        RoleAssignment.objects.create(user=user, unit=province, role=Role.SUPERVISOR)
    client = Client()
    client.force_login(user)
    list_urls = [
        "/petitions/?state=received",
        "/petitions/?kind=complaint&due=overdue",
        "/petitions/?field=dat_dai&page=3",
    ]
    search_urls = ["/petitions/?q=dat+dai", "/petitions/?q=o+nhiem", "/petitions/?q=truong+hoc&kind=feedback"]
    for url in list_urls + search_urls:
        assert client.get(url).status_code == 200
    list_ms = [t for url in list_urls for t in _time_get(client, url, 10)]
    search_ms = [t for url in search_urls for t in _time_get(client, url, 10)]
    results["petitions.list_p50_ms"] = round(statistics.median(list_ms), 2)
    results["petitions.search_p50_ms"] = round(statistics.median(search_ms), 2)

    # Intake through the public form vs a bare insert-one-row view, same server settings, same run.
    commune = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code").first()
    assert commune is not None
    payload = {
        "kind": "feedback",
        "title": "Cống thoát nước bị tắc",
        "content": "Cống thoát nước trước chợ bị tắc nhiều ngày, nước thải tràn ra đường gây mùi hôi khó chịu.",
        "address": f"{commune.name}, tỉnh Lạng Sơn",
        "petitioner_name": "Nguyễn Thị Hằng",
    }
    extra = {"DANVAN_PETITIONS_RATE_LIMIT": "100000000", "DANVAN_MANIFEST_STATIC": "0"}
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "danvan.settings")
    with _server(
        ctx, data_dir, "petitions_bare:application", {**extra, "PETITIONS_BARE_BASE": settings_module}
    ) as (base, pid):
        _load(base + "/bare/", None, payload, 2)  # warm-up
        cpu = _workers_cpu_s(pid)
        bare, bare_n = _load(base + "/bare/", None, payload, LOAD_SECONDS)
        bare_cpu = _workers_cpu_s(pid) - cpu

    # The production server is gunicorn plus the analysis process (`danvan petitions enrich --watch`, as
    # `make run` starts it, at its default lower CPU priority): both run during the measured window.
    from danvan.petitions.models import IntakeJournal

    def journaled() -> int:
        return IntakeJournal.objects.count()

    def pending() -> int:
        return journaled() + Petition.objects.filter(enrich_queued_at__isnull=False).count()

    with (
        _server(ctx, data_dir, "danvan.wsgi:application", extra) as (base, pid),
        _watcher(ctx, data_dir) as watcher,
    ):
        form = base + "/petitions/gui-don/"
        last_pk = Petition.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        _load(form, form, payload, 3)  # warm-up
        _wait_until(lambda: pending() == 0, 300)  # the warm-up's analyses: the window starts clean
        cpu = _workers_cpu_s(pid)
        watcher_cpu = _cpu_s(watcher.pid)
        intake, intake_n = _load(form, form, payload, LOAD_SECONDS)
        intake_cpu = _workers_cpu_s(pid) - cpu
        results["petitions.enrich_watcher_cpu_ms_per_req"] = round(
            (_cpu_s(watcher.pid) - watcher_cpu) * 1000 / max(intake_n, 1), 1
        )
        journal_backlog = journaled()
        backlog = pending()
        results["petitions.journal_backlog_after_load"] = journal_backlog
        results["petitions.enrich_backlog_after_load"] = backlog - journal_backlog
        results["petitions.worker_rss_mb"] = _worker_rss_mb(pid)
        results["petitions.worker_loads_classifier"] = any(
            _maps_mention(worker, ("underthesea", "sklearn", "datasketch")) for worker in _workers(pid)
        )
        # What the watcher does with the backlog once the burst is over: the register first, then the
        # analyses. Sustained rate: the burst's submissions over the window plus the time to register them.
        started = time.perf_counter()
        _wait_until(lambda: journaled() == 0, 600)
        registered = time.perf_counter() - started
        results["petitions.journal_catchup_per_s"] = (
            round(journal_backlog / registered, 1) if journal_backlog else None
        )
        results["petitions.intake_sustained_per_s"] = round(intake_n / (LOAD_SECONDS + registered), 1)
        # The analyses of the burst's petitions: their rate over one minute (the whole backlog would take
        # a quarter of an hour: each meets a growing group of identical texts, see the README).
        before = pending()
        time.sleep(60)
        results["petitions.enrich_catchup_per_s"] = round((before - pending()) / 60, 1)
    # Leave the data set as generated: the run's petitions go (their audit rows stay: append-only).
    Petition.objects.filter(pk__gt=last_pk).delete()
    results["petitions.intake_per_s"] = round(intake, 1)
    results["petitions.bare_insert_per_s"] = round(bare, 1)
    results["petitions.intake_ratio"] = round(intake / bare, 3) if bare else 0.0
    results["petitions.intake_worker_cpu_ms_per_req"] = round(intake_cpu * 1000 / max(intake_n, 1), 1)
    results["petitions.bare_worker_cpu_ms_per_req"] = round(bare_cpu * 1000 / max(bare_n, 1), 1)
    return results


def _time_get(client: Any, url: str, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        client.get(url)
        out.append((time.perf_counter() - t) * 1000)
    return out
