"""Disclosure compliance of a province: 100 communes × 20 villages, 5 years of disclosures.

Data (generated once per backend, reused): the first 100 communes of the province with the most communes,
20 villages each (2,000), and for 5 years 30 disclosures per commune and year (15,000; about one in
ten late, too short or lacking a required channel). The figures are the median over REPEAT calls of
`danvan.democracy.selectors.compliance(province, year)` (the two grouped queries and the pass over
communes × items) and of the officers' compliance page through the Django test client (the same plus
rendering and the scope), p50 target < 300 ms.

    python bench/bench_democracy.py --child sqlite|postgres
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

COMMUNES = 100
VILLAGES = 20
YEARS = 5
PER_YEAR = 30
LAST_YEAR = 2025
REPEAT = 15
PG_NAME = "danvan_bench_democracy"
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"


def ensure_pg_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_NAME,)).fetchone():
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def generate() -> tuple[Any, dict[str, int]]:
    from django.db.models import Count

    from danvan.core import clock
    from danvan.core.text import fold
    from danvan.democracy.models import Disclosure, DisclosureItem
    from danvan.territory.models import AdminUnit, Level, Village

    province = (
        AdminUnit.objects.filter(level=Level.PROVINCE)
        .annotate(n=Count("children"))
        .filter(n__gte=COMMUNES)
        .order_by("code")
        .first()
    )
    assert province is not None, "no province with 100 communes"
    communes = list(
        AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code")[:COMMUNES]
    )
    if not Village.objects.filter(unit__in=communes).exists():
        rng = random.Random(18)
        now = clock.now()
        Village.objects.bulk_create(
            [
                Village(
                    unit=c, code=f"T{v:02d}", name=f"Thôn {v}", folded_name=fold(f"Thôn {v}"), created_at=now
                )
                for c in communes
                for v in range(1, VILLAGES + 1)
            ],
            batch_size=2000,
        )
        items = list(DisclosureItem.objects.all())
        rows = []
        for c in communes:
            for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
                for k in range(PER_YEAR):
                    item = items[k % len(items)]
                    issued = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
                    posted = issued + dt.timedelta(days=rng.randint(0, 7))
                    ended = posted + dt.timedelta(days=rng.choice([20, 30, 35, 40]))
                    rows.append(
                        Disclosure(
                            unit=c,
                            item=item,
                            title=f"{item.name} {year}",
                            issued_on=issued,
                            state="ended",
                            posted_on=posted,
                            ended_on=ended,
                            deadline_on=issued + dt.timedelta(days=item.deadline_days),
                            min_until=posted + dt.timedelta(days=item.min_days - 1),
                            is_late=(posted - issued).days > item.deadline_days,
                            is_too_short=(ended - posted).days + 1 < item.min_days,
                            lacks_channels=rng.random() < 0.05,
                            channels=list(item.required_channels),
                            created_at=now,
                        )
                    )
        Disclosure.objects.bulk_create(rows, batch_size=5000)
    sizes = {
        "communes": len(communes),
        "villages": Village.objects.filter(unit__in=communes).count(),
        "disclosures": Disclosure.objects.filter(unit__in=communes).count(),
    }
    return province, sizes


def child(backend: str) -> dict[str, Any]:
    from common import setup_django

    data_dir = HERE / "data" / "democracy" / backend
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        ensure_pg_database()
        setup_django(data_dir, PG_URL)
    else:
        setup_django(data_dir)
    province, sizes = generate()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from danvan.accounts.models import RoleAssignment, User
    from danvan.democracy import selectors

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    user, _ = User.objects.get_or_create(username="bench-democracy", defaults={"full_name": "Bench"})
    RoleAssignment.objects.get_or_create(user=user, unit=province, role="supervisor")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages, ALLOWED_HOSTS=["*"]).enable()  # no collected manifest in the bench
    client = Client()
    client.force_login(user)
    url = f"/democracy/cong-khai/tuan-thu/?unit={province.code}&year={LAST_YEAR}"
    total, rows = selectors.compliance(province, LAST_YEAR)  # warm-up
    assert client.get(url).status_code == 200
    sel_ms: list[float] = []
    page_ms: list[float] = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        selectors.compliance(province, LAST_YEAR)
        sel_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        client.get(url)
        page_ms.append((time.perf_counter() - t) * 1000)
    return {
        "sizes": sizes,
        "province": province.code,
        "province_communes_total": len(rows),
        "selector_p50_ms": round(statistics.median(sel_ms), 1),
        "page_p50_ms": round(statistics.median(page_ms), 1),
        "compliant": total.compliant,
        "disclosed": total.disclosed,
    }


def run(ctx: Any) -> dict[str, object]:
    out: dict[str, object] = {}
    backends = [b for b in os.environ.get("DEMOCRACY_BENCH_BACKENDS", "sqlite,postgres").split(",") if b]
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
            raise RuntimeError(f"bench democracy ({backend}) failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        out[f"democracy.compliance_selector_p50_ms_{backend}"] = result["selector_p50_ms"]
        out[f"democracy.compliance_page_p50_ms_{backend}"] = result["page_p50_ms"]
        for key, value in result["sizes"].items():
            out[f"democracy.n_{key}"] = value
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2]), default=str))
    else:
        from common import BenchContext

        print(json.dumps(run(BenchContext(root=HERE.parent, work=HERE / "data")), indent=2))
