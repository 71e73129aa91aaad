"""Disclosure compliance of a province: 100 communes × 20 villages, 5 years of disclosures.

Data (generated once per backend, reused): the first 100 communes of the province with the most communes,
20 villages each (2,000), and for 5 years 30 disclosures per commune and year (15,000; about one in
ten late, too short or lacking a required channel). The figures are the median over REPEAT calls of
`danvan.democracy.selectors.compliance(province, year)` (the two grouped queries and the pass over
communes × items) and of the officers' compliance page through the Django test client (the same plus
rendering and the scope), p50 target < 300 ms.

Also measured on the same data: the workplace compliance page (5 agencies, units and enterprises per
commune, 5 years of conferences and dialogues: 2,500 workplaces' meetings), and the national roll-up of a
year (`reporting.rollup.figures_for_period`, live) of the democracy indicators alone and of every
registered indicator, to check that the new indicators keep the national roll-up within its 1 s budget.

    python bench/bench_democracy.py --child sqlite|postgres
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
    from danvan.democracy.models import Disclosure, DisclosureItem, WorkplaceMeeting
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
    _workplaces(communes)
    sizes = {
        "communes": len(communes),
        "villages": Village.objects.filter(unit__in=communes).count(),
        "disclosures": Disclosure.objects.filter(unit__in=communes).count(),
        "workplace_meetings": WorkplaceMeeting.objects.filter(unit__in=communes).count(),
    }
    return province, sizes


WORKPLACES = (("agency", "UBND"), ("agency", "Công an"), ("public_service", "Trường Tiểu học"),
              ("enterprise", "Công ty May"), ("enterprise", "Hợp tác xã Chè"))  # fmt: skip


def _workplaces(communes: list[Any]) -> None:
    """5 workplaces per commune; each year a conference (1 in 10 late, 1 in 10 missing), enterprises a dialogue."""
    from danvan.core import clock
    from danvan.democracy.models import Workplace, WorkplaceMeeting

    if Workplace.objects.filter(unit__in=communes).exists():
        return
    rng = random.Random(6)
    now = clock.now()
    places = Workplace.objects.bulk_create(
        [
            Workplace(
                unit=c, kind=kind, name=f"{name} {c.name}", employees=rng.randint(10, 300), created_at=now
            )
            for c in communes
            for kind, name in WORKPLACES
        ]
    )
    meetings = []
    for w in places:
        for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
            roll = rng.random()
            if roll < 0.1:
                continue  # missing
            held = dt.date(year + 1, 1, 20) if roll < 0.2 else dt.date(year, rng.randint(1, 12), 10)
            kinds = ["conference"] + (["dialogue"] if w.kind == "enterprise" else [])
            for kind in kinds:
                meetings.append(
                    WorkplaceMeeting(
                        unit_id=w.unit_id, workplace=w, kind=kind, year=year, planned_on=held, state="held",
                        held_on=held, due_on=dt.date(year, 12, 31), is_late=held > dt.date(year, 12, 31),
                        attendees=10, minutes="Biên bản", created_at=now,
                    )
                )  # fmt: skip
    WorkplaceMeeting.objects.bulk_create(meetings, batch_size=5000)


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
    workplace_url = f"/democracy/co-quan/tuan-thu/?unit={province.code}&year={LAST_YEAR}"
    assert client.get(workplace_url).status_code == 200
    from danvan.reporting.catalogue import catalogue
    from danvan.reporting.models import Period
    from danvan.reporting.rollup import figures_for_period

    period, _ = Period.objects.get_or_create(
        kind="annual", name=f"Năm {LAST_YEAR}", start=dt.date(LAST_YEAR, 1, 1), end=dt.date(LAST_YEAR, 12, 31)
    )
    ours = [i.code for i in catalogue() if i.module == "democracy"]
    figures_for_period(period, live=True)  # warm-up
    sel_ms: list[float] = []
    page_ms: list[float] = []
    workplace_ms: list[float] = []
    rollup_ours_ms: list[float] = []
    rollup_all_ms: list[float] = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        selectors.compliance(province, LAST_YEAR)
        sel_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        client.get(url)
        page_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        client.get(workplace_url)
        workplace_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        figures_for_period(period, codes=ours, live=True)
        rollup_ours_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        figures_for_period(period, live=True)
        rollup_all_ms.append((time.perf_counter() - t) * 1000)
    return {
        "workplace_page_p50_ms": round(statistics.median(workplace_ms), 1),
        "rollup_democracy_p50_ms": round(statistics.median(rollup_ours_ms), 1),
        "rollup_all_p50_ms": round(statistics.median(rollup_all_ms), 1),
        "democracy_indicators": len(ours),
        "sizes": sizes,
        "province": province.code,
        "province_communes_total": len(rows),
        "selector_p50_ms": round(statistics.median(sel_ms), 1),
        "page_p50_ms": round(statistics.median(page_ms), 1),
        "compliant": total.compliant,
        "disclosed": total.disclosed,
    }


def run(ctx: Any) -> dict[str, object]:
    from common import child_json

    out: dict[str, object] = {}
    backends = [b for b in os.environ.get("DEMOCRACY_BENCH_BACKENDS", "sqlite,postgres").split(",") if b]
    for backend in backends:
        result = child_json(__file__, "--child", backend, label=f"democracy ({backend})")
        out[f"democracy.compliance_selector_p50_ms_{backend}"] = result["selector_p50_ms"]
        out[f"democracy.compliance_page_p50_ms_{backend}"] = result["page_p50_ms"]
        out[f"democracy.workplace_page_p50_ms_{backend}"] = result["workplace_page_p50_ms"]
        out[f"democracy.rollup_democracy_p50_ms_{backend}"] = result["rollup_democracy_p50_ms"]
        out[f"democracy.rollup_all_p50_ms_{backend}"] = result["rollup_all_p50_ms"]
        for key, value in result["sizes"].items():
            out[f"democracy.n_{key}"] = value
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2]), default=str))
    else:
        from common import BenchContext

        print(json.dumps(run(BenchContext(root=HERE.parent, work=HERE / "data")), indent=2))
