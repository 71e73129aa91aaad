"""Reporting benchmark: all catalogue indicators for the whole country for one year, on SQLite and PostgreSQL.

Data: for every registered indicator the models its computation reads are found (the Model classes its
raw computation — `recount` when `compute` reads the aggregate counts — and its helpers refer to), and rows are bulk-generated for them by one server-side
INSERT … SELECT per model (recursive CTE on SQLite, generate_series on PostgreSQL): 5,000,000 petitions,
200,000 dialogues, 500,000 "Dân vận khéo" entries, 100,000 rows for any other such model, spread over the
3,321 communes and the year 2025. Manual indicators get one figure per commune. Generated once into
bench/data/reporting/ (SQLite) and the database bench_reporting (PostgreSQL) and reused. The load runs
with the tables' row triggers off (SQLite: no fsync, big cache), then rebuilds the FTS index and the
aggregate counts from the records (`danvan reporting rebuild-counts`, timed in the log).

Measured in the same run on the same data:
- reporting.national_ms_{sqlite,postgres}: `figures_for_period` (every indicator: its grouped query(ies),
  then the roll-up commune → province → nation by unit path), median of 3, no cache;
- the reference: ONE SQL statement computing the same figures (commune, province and national) from the
  raw records — each indicator's grouped leaf query over the records as the ORM emits it (its `recount`
  when its `compute` reads the aggregate counts), unioned in a CTE, rolled up by province path in SQL;
  reporting.ratio_vs_sql = ours / reference (indicators whose compute is not a single query are left out
  of both sides of the ratio and listed);
- reporting.dashboard_p50_ms: the national dashboard page (Django test client, in process), 15 requests;
- reporting.docx_export_s: the DOCX of the largest province's report (live tables + document).
Usage: python bench/run.py reporting   (each database runs in its own worker process;
BENCH_REPORTING_BACKENDS=postgres for one of them, BENCH_REPORTING_SCALE=0.01 for a quick trial)
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import BenchContext, setup_django  # noqa: E402

PG_NAME = os.environ.get("BENCH_REPORTING_PG", "bench_reporting")
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"
YEAR = 2025
ROWS = {"petition": 5_000_000, "dialogue": 200_000, "exemplar": 500_000}
DEFAULT_ROWS = 100_000
SMALL_ROWS = {"conference": 3_000, "task": 20_000}


# --- runner (parent process) ------------------------------------------------------------------------
def run(ctx: BenchContext) -> dict[str, object]:
    out: dict[str, object] = {}
    backends = os.environ.get("BENCH_REPORTING_BACKENDS", "sqlite,postgres").split(",")
    for backend in backends:
        if backend == "postgres":
            _ensure_pg_database()
        proc = subprocess.run(
            [ctx.python, __file__, "--worker", backend, str(ctx.work / "reporting")],
            capture_output=True, text=True, check=False, cwd=ctx.root,
            env={k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")} | {"PYTHONPATH": str(ctx.root / "src")},
        )  # fmt: skip
        sys.stderr.write(proc.stderr[-4000:])
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            out[f"reporting.error_{backend}"] = (proc.stderr or proc.stdout)[-500:]
            continue
        figures = json.loads(lines[-1])
        out.update(figures)
    ratios = [
        v for k, v in out.items() if k.startswith("reporting.ratio_vs_sql_") and isinstance(v, int | float)
    ]
    if ratios:
        out["reporting.ratio_vs_sql"] = max(ratios)  # the worse of the two databases
    return out


def _ensure_pg_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_NAME,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')


# --- worker (one database) ------------------------------------------------------------------------
def log(msg: str) -> None:
    sys.stderr.write(f"[reporting] {time.strftime('%H:%M:%S')} {msg}\n")
    sys.stderr.flush()


def models_of(compute: Any) -> set[Any]:
    """The Model classes a compute function refers to, through its helpers (functions of the same app)."""
    from django.db import models

    found: set[Any] = set()
    seen: set[int] = set()
    app = ".".join(getattr(compute, "__module__", "").split(".")[:2])  # "danvan.petitions"

    def visit(fn: Any, depth: int) -> None:
        if depth > 5 or id(fn) in seen or not callable(fn):
            return
        seen.add(id(fn))
        try:
            refs = inspect.getclosurevars(fn)
        except (TypeError, ValueError):
            return
        for value in list(refs.globals.values()) + list(refs.nonlocals.values()):
            if isinstance(value, type) and issubclass(value, models.Model) and not value._meta.abstract:
                found.add(value)
            elif isinstance(value, models.Manager | models.QuerySet):
                found.add(value.model)
            elif inspect.isfunction(value) and value.__module__.startswith(app):
                visit(value, depth + 1)
            elif inspect.ismodule(value) and value.__name__.startswith(app):
                for member in vars(value).values():
                    if inspect.isfunction(member) and member.__module__ == value.__name__:
                        visit(member, depth + 1)

    visit(compute, 0)
    return found


SCALE = float(os.environ.get("BENCH_REPORTING_SCALE", "1"))  # < 1 for a quick trial of the bench itself


def _row_target(model: Any) -> int:
    name = model._meta.model_name
    return max(1, int((ROWS.get(name) or SMALL_ROWS.get(name) or DEFAULT_ROWS) * SCALE))


def _unique_groups(model: Any) -> list[list[str]]:
    from django.db import models

    groups = [list(g) for g in model._meta.unique_together]
    groups += [
        list(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    return groups


def in_unique_group(model: Any, name: str) -> bool:
    """The field takes part in a uniqueness rule over several fields (e.g. one response per poll and person)."""
    return any(name in group for group in _unique_groups(model))


def unit_unique_fields(model: Any) -> set[str]:
    """FKs to AdminUnit that take part in a uniqueness rule (then: one row per commune)."""
    from danvan.territory.models import AdminUnit

    out: set[str] = set()
    for group in _unique_groups(model):
        for name in group:
            field = model._meta.get_field(name)
            if getattr(field, "related_model", None) is AdminUnit:
                out.add(field.name)
    return out


class Generator:
    """One INSERT … SELECT per model with a SQL expression per column (SQLite or PostgreSQL dialect)."""

    def __init__(self, connection: Any) -> None:
        self.conn = connection
        self.pg = connection.vendor == "postgresql"

    def rnd(self, n: int) -> str:  # integer in [0, n)
        return f"floor(random() * {n})::int" if self.pg else f"(abs(random()) % {n})"

    def coin(self, p: float = 0.5) -> str:
        return f"(random() < {p})" if self.pg else f"(abs(random()) % 1000 < {int(p * 1000)})"

    def lit(self, value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return ("TRUE" if value else "FALSE") if self.pg else ("1" if value else "0")
        if isinstance(value, int | float):
            return str(value)
        return "'" + str(value).replace("'", "''") + "'"

    def choice(self, values: list[Any]) -> str:
        if len(values) == 1:
            return self.lit(values[0])
        whens = " ".join(f"WHEN {i} THEN {self.lit(v)}" for i, v in enumerate(values))
        return f"(CASE {self.rnd(len(values))} {whens} END)"

    # Dates of one row share a base day and grow with the field's position (received ≤ accepted ≤ resolved,
    # made ≤ due...), so that ordering checks of the models hold.
    def base(self) -> str:
        x = "CAST(g.x AS BIGINT)" if self.pg else "g.x"  # 5,000,000 × 104,729 overflows a 32-bit integer
        return f"(({x} * 7919 + 13) % 300)"

    def day(self, k: int) -> str:
        offset = f"({self.base()} + {5 * k})"
        if self.pg:
            return f"(DATE '{YEAR}-01-01' + CAST({offset} AS INTEGER))"
        return f"date('{YEAR}-01-01', '+' || {offset} || ' days')"

    def moment(self, k: int) -> str:
        x = "CAST(g.x AS BIGINT)" if self.pg else "g.x"
        seconds = f"({self.base()} * 86400 + {5 * k} * 86400 + ({x} * 104729) % 86400)"
        if self.pg:
            return f"(TIMESTAMPTZ '{YEAR}-01-01 00:00:00+07' + {seconds} * INTERVAL '1 second')"
        return f"datetime('{YEAR}-01-01', '-7 hours', '+' || {seconds} || ' seconds')"

    def ref(self, table: str, lo: int, n: int) -> str:
        """A random existing id from a contiguous range [lo, lo + n) (our generated rows and the territory)."""
        return f"({lo} + {self.rnd(n)})"

    def expr(self, field: Any, model: Any, ctx: dict[str, Any]) -> str | None:
        from django.db import models

        from danvan.territory.models import AdminUnit

        nullable = field.null
        if isinstance(field, models.ForeignKey):
            target = field.related_model
            if target is AdminUnit:
                lo, n = ctx["communes"]
                if field.name in ctx.get("unit_seq", ()):  # unique per unit: one row per commune
                    return f"({lo} + g.x - 1)"
                return self.ref("territory_adminunit", lo, n)
            if target is model:
                return "NULL"
            key = target._meta.label_lower
            if key in ctx["ranges"]:
                lo, n = ctx["ranges"][key]
                if field.unique:  # one-to-one in effect: row x takes parent x
                    return f"({lo} + g.x - 1)" if n >= ctx["n"] else ("NULL" if nullable else None)
                return self.ref(target._meta.db_table, lo, n) if n else ("NULL" if nullable else None)
            if nullable:
                return "NULL"
            return None  # caller generates the parent first
        if field.choices:
            values = [v for v, _ in field.flatchoices]
            return self.choice(values)
        if isinstance(field, models.BooleanField):
            expr = f"(CASE WHEN {self.coin()} THEN {self.lit(True)} ELSE {self.lit(False)} END)"
            return f"(CASE WHEN {self.coin(0.8)} THEN {expr} ELSE NULL END)" if nullable else expr
        if isinstance(field, models.DateField):  # DateTimeField is a DateField
            k = ctx.setdefault("date_k", 0)
            ctx["date_k"] = k + 1
            value = self.moment(k) if isinstance(field, models.DateTimeField) else self.day(k)
            return f"(CASE WHEN {self.coin(0.6)} THEN {value} ELSE NULL END)" if nullable else value
        if isinstance(field, models.UUIDField):
            return "gen_random_uuid()" if self.pg else "lower(hex(randomblob(16)))"
        if isinstance(field, models.JSONField):
            default = field.get_default()
            text = self.lit(json.dumps(default if default is not None else {}))
            return f"{text}::jsonb" if self.pg else text
        if isinstance(field, models.BinaryField):
            return "NULL" if nullable else ("'\\x'::bytea" if self.pg else "x''")
        if isinstance(field, models.DurationField):
            return "NULL" if nullable else ("INTERVAL '0'" if self.pg else "0")
        if isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
            if nullable:
                return "NULL"
            if field.has_default():
                return self.lit(field.get_default())
            return self.rnd(20)
        if isinstance(field, models.GenericIPAddressField):
            return "NULL" if nullable else "'127.0.0.1'"
        if isinstance(field, models.TimeField):
            return "NULL" if nullable else "'08:00:00'"
        if isinstance(field, models.CharField | models.TextField):
            if field.unique or in_unique_group(model, field.name):  # distinct per row
                prefix = self.lit(f"B{model._meta.model_name[:3]}")
                return f"({prefix} || (g.x + {ctx.get('offset', 0)}))"
            if nullable:
                return "NULL"
            if field.has_default() and field.get_default() not in (None, ""):
                return self.lit(field.get_default())
            return "''" if field.blank else self.lit("bench")
        return "NULL" if nullable else None

    def insert(self, model: Any, n: int, ctx: dict[str, Any]) -> int:
        from django.db import models
        from django.db.models import Max, Min

        cols: list[str] = []
        exprs: list[str] = []
        ctx["date_k"] = 0
        ctx["n"] = n
        pk = model._meta.pk
        for field in model._meta.concrete_fields:
            if field is pk and isinstance(field, models.AutoField | models.BigAutoField):
                continue
            if field.primary_key and isinstance(field, models.OneToOneField):
                return 0  # multi-table children: out of scope
            expr = self.expr(field, model, ctx)
            if expr is None:
                target = field.related_model
                if target is not None and target._meta.label_lower not in ctx["ranges"]:
                    agg = target.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
                    if agg["lo"] is not None:  # existing rows (e.g. a seeded reference table)
                        ctx["ranges"][target._meta.label_lower] = (agg["lo"], agg["hi"] - agg["lo"] + 1)
                    else:
                        size = n if field.unique else 20
                        log(
                            f"  parent {target._meta.label} ({size} rows) for {model._meta.label}.{field.name}"
                        )
                        saved_k = ctx["date_k"]
                        self.generate(target, size, ctx)
                        ctx["n"], ctx["date_k"] = n, saved_k  # restore this model's state
                    expr = self.expr(field, model, ctx)
                if expr is None:
                    raise RuntimeError(f"không sinh được giá trị cho {model._meta.label}.{field.name}")
            cols.append(self.conn.ops.quote_name(field.column))
            exprs.append(expr)
        table = self.conn.ops.quote_name(model._meta.db_table)
        select = ", ".join(exprs)
        if self.pg:
            sql = f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM generate_series(1::bigint, {n}) AS g(x)"
        else:
            sql = (
                f"INSERT INTO {table} ({', '.join(cols)}) WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL "
                f"SELECT x + 1 FROM g WHERE x < {n}) SELECT {select} FROM g"
            )
        with self.conn.cursor() as cursor:
            cursor.execute(sql)
        return n

    def generate(self, model: Any, n: int, ctx: dict[str, Any]) -> None:
        from django.db.models import Max, Min

        before = model.objects.aggregate(m=Max("pk"))["m"] or 0
        saved = ctx.get("offset", 0)
        ctx["offset"] = before  # unique strings continue after the rows already there
        self.insert(model, n, ctx)
        ctx["offset"] = saved
        agg = model.objects.filter(pk__gt=before).aggregate(lo=Min("pk"), hi=Max("pk"))
        if agg["lo"] is not None:
            ctx["ranges"][model._meta.label_lower] = (agg["lo"], agg["hi"] - agg["lo"] + 1)


@contextmanager
def bulk_load(models: list[Any]) -> Iterator[None]:
    """Load mode for the generated tables: no per-row triggers (FTS, aggregate counts), no secondary
    non-unique indexes and, on SQLite, no fsync and a big page cache; afterwards the indexes are built
    from the loaded rows, the triggers come back and what they maintain is rebuilt from the records in
    one pass (FTS 'rebuild', `danvan reporting rebuild-counts`)."""
    from django.core.management import call_command
    from django.db import connection

    tables = [m._meta.db_table for m in models]
    saved: list[str] = []
    saved_indexes: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=MEMORY")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-4000000")  # 4 GB of page cache for the index builds
            cursor.execute("PRAGMA temp_store=MEMORY")
            marks = ", ".join("%s" for _ in tables)
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
                tables,
            )
            for name, sql in cursor.fetchall():
                saved.append(sql)
                cursor.execute(f'DROP TRIGGER "{name}"')
            # secondary (non-unique) indexes: built once from the loaded rows instead of row by row
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                tables,
            )
            for name, sql in cursor.fetchall():
                saved_indexes.append(sql)
                cursor.execute(f'DROP INDEX "{name}"')
        else:
            cursor.execute("SET synchronous_commit = off")
            for table in tables:
                cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE%%' "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [tables],
            )
            for name, sql in cursor.fetchall():
                saved_indexes.append(sql)
                cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            started = time.perf_counter()
            if connection.vendor == "postgresql":
                cursor.execute("SET maintenance_work_mem = '1GB'")
            for sql in saved_indexes:
                cursor.execute(sql)
            log(f"  {len(saved_indexes)} indexes rebuilt ({time.perf_counter() - started:.0f} s)")
            if connection.vendor == "sqlite":
                for sql in saved:
                    cursor.execute(sql)
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%'"
                )
                for name, sql in cursor.fetchall():
                    if any(f"content='{t}'" in sql for t in tables):
                        log(f"  rebuild {name}")
                        cursor.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
            else:
                for table in tables:
                    cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
        if "rebuild-counts" in _reporting_subcommands():
            started = time.perf_counter()
            call_command("reporting", "rebuild-counts", verbosity=0)
            log(f"  rebuild-counts ({time.perf_counter() - started:.1f} s)")
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA journal_mode=WAL")


def _reporting_subcommands() -> set[str]:
    try:
        from danvan.reporting.management.commands import reporting
    except ImportError:
        return set()
    return set(getattr(reporting, "SUBCOMMANDS", ()))


def generate_data(models: list[Any]) -> dict[str, int]:
    from django.db import connection
    from django.db.models import Max, Min

    from danvan.territory.models import AdminUnit, Level

    communes = AdminUnit.objects.filter(level=Level.COMMUNE).aggregate(
        lo=Min("id"), hi=Max("id"), n=Min("id")
    )
    count = AdminUnit.objects.filter(level=Level.COMMUNE).count()
    assert communes["hi"] - communes["lo"] + 1 == count, "commune ids are not contiguous"
    ctx: dict[str, Any] = {"communes": (communes["lo"], count), "ranges": {}}
    gen = Generator(connection)
    sizes: dict[str, int] = {}
    # parents before children: a model whose non-null FK points at another generated model goes after it
    ordered = sorted(
        models,
        key=lambda m: sum(
            1 for f in m._meta.concrete_fields if f.is_relation and f.related_model in models and not f.null
        ),
    )
    todo = [m for m in ordered if m.objects.count() < _row_target(m) and not unit_unique_fields(m)]
    todo += [m for m in ordered if unit_unique_fields(m) and not m.objects.exists()]
    with bulk_load(ordered) if todo else nullcontext():
        for model in ordered:
            _generate_one(model, gen, ctx, count, sizes)
    return sizes


def _generate_one(model: Any, gen: Generator, ctx: dict[str, Any], count: int, sizes: dict[str, int]) -> None:
    from django.db import transaction
    from django.db.models import Max, Min

    existing = model.objects.count()
    want = _row_target(model)
    key = model._meta.label_lower
    ctx["unit_seq"] = unit_unique_fields(model)
    if ctx["unit_seq"]:
        want = min(want, count) if existing == 0 else existing
    if existing >= want:
        agg = model.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
        ctx["ranges"][key] = (agg["lo"], agg["hi"] - agg["lo"] + 1)
        sizes[key] = existing
        return
    started = time.perf_counter()
    try:
        with transaction.atomic():
            gen.generate(model, want - existing, ctx)
    except Exception as exc:  # noqa: BLE001 - a model we cannot fill is reported and skipped
        log(f"  {model._meta.label}: không sinh được dữ liệu ({exc.__class__.__name__}: {str(exc)[:200]})")
        sizes[key] = existing
        return
    sizes[key] = model.objects.count()
    log(f"  {model._meta.label}: {sizes[key]:,} dòng ({time.perf_counter() - started:.0f} s)")


def _manual_figures(period: Any) -> int:
    import random

    from danvan.reporting.catalogue import catalogue
    from danvan.reporting.models import ManualFigure
    from danvan.territory.models import AdminUnit, Level

    manual = [i for i in catalogue() if i.compute is None]
    if ManualFigure.objects.filter(period=period).exists():
        return ManualFigure.objects.filter(period=period).count()
    rng = random.Random(7)
    ids = list(AdminUnit.objects.filter(level=Level.COMMUNE).values_list("id", flat=True))
    rows = []
    for indicator in manual:
        for uid in ids:
            den = float(rng.randint(1, 10)) if indicator.aggregation == "ratio" else 1.0
            num = (
                float(rng.randint(0, int(den)))
                if indicator.aggregation == "ratio"
                else float(rng.randint(0, 30))
            )
            rows.append(
                ManualFigure(
                    indicator_code=indicator.code, unit_id=uid, period=period, numerator=num, denominator=den
                )
            )
    ManualFigure.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _num_expr(col: int, raw: list[Any]) -> str:
    """A leaf column as a float (PostgreSQL will not union booleans with numbers)."""
    from django.db import connection

    pg = connection.vendor == "postgresql"
    if pg and isinstance(raw[0][col], bool):
        return f"(c{col})::int::float8"
    return f"CAST(c{col} AS {'DOUBLE PRECISION' if pg else 'REAL'})"


def reference_sql(period: Any, indicators: list[Any]) -> tuple[str, list[str], list[str]]:
    """ONE statement: every indicator's leaf query in a CTE, rolled up to province and nation in SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ctes: list[str] = []
    leaf_parts: list[str] = []
    included: list[str] = []
    left_out: list[str] = []
    for i, indicator in enumerate(indicators):
        if indicator.compute is None:
            sql = (
                "SELECT unit_id, CAST(numerator AS REAL), CAST(denominator AS REAL) FROM reporting_manualfigure "
                f"WHERE period_id = {period.pk} AND indicator_code = '{indicator.code}'"
            )
            ctes.append(f"q{i}(unit_id, c1, c2) AS ({sql})")
            leaf_parts.append(f"SELECT '{indicator.code}' AS code, unit_id, c1 AS num, c2 AS den FROM q{i}")
            included.append(indicator.code)
            continue
        raw_compute = indicator.recount or indicator.compute  # straight from the records, never the counts
        with CaptureQueriesContext(connection) as captured:
            figures = list(raw_compute(period.start, period.end))
        if len(captured.captured_queries) != 1:
            left_out.append(f"{indicator.code} ({len(captured.captured_queries)} truy vấn)")
            continue
        sql = captured.captured_queries[0]["sql"]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            raw = cursor.fetchall()
        if not raw or len(raw) != len(figures) or not figures:
            if not figures and not raw:
                included.append(indicator.code)  # nothing to count: contributes no rows
                ctes.append(f"q{i} AS ({sql})")
                continue
            left_out.append(f"{indicator.code} (kết quả không khớp dạng nhóm theo đơn vị)")
            continue
        by_unit = {f.unit_id: f for f in figures}
        width = len(raw[0])
        uid_col = next((c for c in range(width) if all(r[c] in by_unit for r in raw)), None)
        if uid_col is None:
            left_out.append(f"{indicator.code} (không thấy cột đơn vị)")
            continue
        num_col = next(
            (
                c
                for c in range(width)
                if c != uid_col and all(float(r[c] or 0) == by_unit[r[uid_col]].numerator for r in raw)
            ),
            None,
        )
        den_col = next(
            (
                c
                for c in range(width)
                if c not in (uid_col, num_col)
                and all(float(r[c] or 0) == by_unit[r[uid_col]].denominator for r in raw)
            ),
            None,
        )
        if num_col is None or (den_col is None and any(f.denominator != 1 for f in figures)):
            left_out.append(f"{indicator.code} (không ánh xạ được tử số, mẫu số)")
            continue
        names = [f"c{c}" for c in range(width)]
        ctes.append(f"q{i}({', '.join(names)}) AS ({sql})")
        den = _num_expr(den_col, raw) if den_col is not None else "1.0"
        leaf_parts.append(
            f"SELECT '{indicator.code}' AS code, c{uid_col} AS unit_id, {_num_expr(num_col, raw)} AS num, {den} AS den FROM q{i}"
        )
        included.append(indicator.code)
    leaf = " UNION ALL ".join(leaf_parts) or "SELECT '' AS code, 0 AS unit_id, 0 AS num, 0 AS den"
    statement = (
        f"WITH {', '.join(ctes + [f'leaf(code, unit_id, num, den) AS ({leaf})'])} "
        "SELECT code, unit_id, '' AS scope, num, den FROM leaf "
        "UNION ALL SELECT l.code, NULL, substr(u.path, 1, 6), SUM(l.num), SUM(l.den) FROM leaf l "
        "JOIN territory_adminunit u ON u.id = l.unit_id WHERE u.level > 0 GROUP BY l.code, substr(u.path, 1, 6) "
        "UNION ALL SELECT code, NULL, 'VN/', SUM(num), SUM(den) FROM leaf GROUP BY code"
    )
    return statement, included, left_out


def worker(backend: str, root: Path) -> dict[str, Any]:
    data_dir = root / backend
    data_dir.mkdir(parents=True, exist_ok=True)
    log(f"{backend}: migrate, territory")
    setup_django(data_dir, PG_URL if backend == "postgres" else None)
    from django.conf import settings
    from django.db import connection

    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    from django.test import Client

    from danvan.accounts.models import User
    from danvan.reporting import exports, selectors, services
    from danvan.reporting.catalogue import catalogue, seed_catalogue
    from danvan.reporting.models import Period, Report
    from danvan.reporting.rollup import figures_for_period
    from danvan.territory.models import AdminUnit, Level

    if connection.vendor == "postgresql":  # one worker at a time fills and measures the shared database
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(4240171)")
    seed_catalogue()
    all_indicators = catalogue()
    computed = [i for i in all_indicators if i.compute is not None]
    models: set[Any] = set()
    for indicator in computed:
        models |= models_of(indicator.recount or indicator.compute)
    models = {
        m
        for m in models
        if m is not AdminUnit
        and m._meta.app_label not in ("accounts", "territory", "core")
        and any(getattr(f, "related_model", None) is AdminUnit for f in m._meta.concrete_fields)
    }
    log(f"{backend}: {len(all_indicators)} indicators ({len(computed)} computed); models: "
        + ", ".join(sorted(m._meta.label for m in models)))  # fmt: skip
    started = time.perf_counter()
    sizes = generate_data(sorted(models, key=lambda m: m._meta.label))
    gen_s = time.perf_counter() - started
    if os.environ.get("BENCH_REPORTING_GENERATE_ONLY"):  # fill the database now, measure in a later run
        return {f"reporting.rows_{backend}": sizes, f"reporting.generate_s_{backend}": round(gen_s, 1)}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    period, _ = Period.objects.get_or_create(
        kind="annual",
        name=f"Năm {YEAR}",
        defaults={"start": dt.date(YEAR, 1, 1), "end": dt.date(YEAR, 12, 31)},
    )
    manual_rows = _manual_figures(period)

    def national() -> Any:
        return figures_for_period(period, live=True)

    national()  # warm the territory index
    ours = _repeat(national, 5)
    log(f"{backend}: national {statistics.median(ours):.0f} ms")
    statement, included, left_out = reference_sql(period, all_indicators)
    subset = [i for i in all_indicators if i.code in included]

    def ours_subset() -> Any:
        return figures_for_period(period, live=True, indicators=subset)

    reference_rows: list[Any] = []

    def reference() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            reference_rows[:] = cursor.fetchall()
        return reference_rows

    log(f"{backend}: reference SQL over the raw records ({len(included)} indicators)")
    reference()  # warm-up (a slow reference is then timed once more, see _repeat)
    ref = _repeat(reference, 3)
    ours_sub = _repeat(ours_subset, 3)
    # check that both compute the same national figures (numerators and denominators)
    figs = ours_subset()
    nation = AdminUnit.objects.get(level=Level.NATION)
    mismatches = []
    for code, _unit_id, scope, num, den in reference_rows:
        if scope == "VN/":
            pair = figs.pair(code, nation.pk) or (0.0, 0.0)
            if abs(pair[0] - float(num or 0)) > 1e-6 or abs(pair[1] - float(den or 0)) > 1e-6:
                mismatches.append(code)

    # dashboard and DOCX
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        username="bench-admin", password=None, full_name="Bench"
    )
    client = Client()
    client.force_login(admin)
    url = f"/reporting/?period={period.pk}&unit=VN"
    cold = _ms(lambda: _ok(client.get(url)))
    dash = [_ms(lambda: _ok(client.get(url))) for _ in range(15)]
    biggest = max(AdminUnit.objects.filter(level=Level.PROVINCE), key=lambda p: p.children.count())
    report = Report.objects.filter(unit=biggest, period=period).first() or services.start_report(
        actor=admin, unit=biggest, period=period
    )

    def docx() -> Any:
        report.refresh_from_db()
        return exports.report_docx(report, selectors.report_tables(report))

    # a draft (its tables computed live): the largest province whose report is still a draft (a later run
    # finds the largest one already submitted by an earlier run)
    by_size = sorted(AdminUnit.objects.filter(level=Level.PROVINCE), key=lambda p: -p.children.count())
    drafted = next(
        p
        for p in by_size
        if not Report.objects.filter(unit=p, period=period).exclude(status="draft").exists()
    )
    draft = Report.objects.filter(unit=drafted, period=period).first() or services.start_report(
        actor=admin, unit=drafted, period=period
    )

    def docx_draft() -> Any:
        return exports.report_docx(draft, selectors.report_tables(draft))

    docx_live_s = [ms / 1000 for ms in _repeat(docx_draft, 3)]
    if report.status == "draft":
        text = "Nội dung báo cáo (bench)."
        services.update_report(actor=admin, report=report, version=report.version, results=text,
                               limitations=text, lessons=text, next_tasks=text)  # fmt: skip
        services.submit_report(actor=admin, report=report)
    docx_s = [_ms(docx) / 1000 for _ in range(3)]  # as sent: figures frozen at submission
    # a closed period: the same year, figures frozen in the snapshot table
    closed = Period.objects.filter(name=f"Năm {YEAR} (khóa)").first()
    if closed is None:
        closed = Period.objects.create(
            kind="custom", name=f"Năm {YEAR} (khóa)", start=period.start, end=period.end
        )
    if not closed.is_closed:  # (also when an earlier run stopped before closing it)
        services.close_period(actor=admin, period=closed)
        closed.refresh_from_db()
    assert closed.is_closed
    closed_ms = [_ms(lambda: figures_for_period(closed)) for _ in range(3)]
    key = backend
    return {
        f"reporting.national_ms_{key}": round(statistics.median(ours), 1),
        f"reporting.reference_sql_ms_{key}": round(statistics.median(ref), 1),
        f"reporting.ratio_vs_sql_{key}": round(
            statistics.median(ours_sub) / max(statistics.median(ref), 0.01), 4
        ),
        f"reporting.indicators_{key}": len(all_indicators),
        f"reporting.indicators_in_reference_{key}": len(included),
        f"reporting.left_out_of_reference_{key}": left_out,
        f"reporting.reference_mismatches_{key}": mismatches,
        f"reporting.rows_{key}": sizes | {"reporting.manualfigure": manual_rows},
        f"reporting.generate_s_{key}": round(gen_s, 1),
        f"reporting.national_closed_ms_{key}": round(statistics.median(closed_ms), 1),
        **(
            {
                "reporting.dashboard_p50_ms": round(statistics.median(dash), 1),
                "reporting.dashboard_cold_ms": round(cold, 1),
                "reporting.docx_export_s": round(statistics.median(docx_s), 3),
                "reporting.docx_export_live_s": round(statistics.median(docx_live_s), 3),
                "reporting.docx_province": f"{biggest.name} ({biggest.children.count()} xã)",
                "reporting.docx_live_province": f"{drafted.name} ({drafted.children.count()} xã)",
            }
            if backend == "sqlite"
            else {
                "reporting.dashboard_p50_ms_postgres": round(statistics.median(dash), 1),
                "reporting.docx_export_s_postgres": round(statistics.median(docx_s), 3),
                "reporting.docx_export_live_s_postgres": round(statistics.median(docx_live_s), 3),
            }
        ),
    }


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    return response


def _repeat(fn: Any, n: int) -> list[float]:
    """n timings in ms, fewer when one call takes more than 10 s (keeps the bench within its budget)."""
    out = [_ms(fn)]
    while len(out) < n and out[-1] < 10_000:
        out.append(_ms(fn))
    return out


def _ms(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__" and len(sys.argv) >= 4 and sys.argv[1] == "--worker":
    result = worker(sys.argv[2], Path(sys.argv[3]))
    print(json.dumps(result, ensure_ascii=False, default=str))
