"""Aggregate count tables for the computed indicators (in the spirit of Zulip's analytics app).

A national year holds millions of records: no grouped query over the raw rows answers ~25 indicators in
under a second. So each module declares the *facts* its indicators count ("petitions.received": a petition
counted on its local day of receipt, split by kind) and this module keeps, in `reporting_factcount`, how
many records of each fact every unit has per year, month and day (grains Y, M, D). An indicator over any
period then reads a handful of buckets: a year period reads one Y row per unit and key, a six-month period
six M rows, a custom period some M rows and the days at its two edges (see `spans`).

Exactness: the counts are maintained by database triggers (AFTER INSERT / UPDATE / DELETE, and TRUNCATE on
PostgreSQL) generated from the fact declarations, for SQLite and PostgreSQL alike, so every write path —
services, admin, imports, raw SQL, a transfer that changes the unit, a deletion — adjusts them in the same
transaction as the record. A decrement only ever updates an existing row (never inserts), so a wipe that
empties the count table before or after the records (Django's `flush` on SQLite) leaves it empty.
`install()` runs after every `migrate`/`flush` (post_migrate): it (re)creates the triggers when they are
missing or out of date (their names carry a hash of the declarations; SQLite drops a table's triggers when a
migration remakes the table) and then rebuilds every count from the records. `rebuild()` (also
`danvan reporting rebuild-counts`, used after bulk loads that ran with triggers disabled) recomputes the
day counts with one INSERT … SELECT … GROUP BY per fact and derives months and years from them.
`mismatches()` compares the table with a recount straight from the records (tests, `check-counts`).
"""

# The SQL here is assembled from fact declarations written in the code (table and column names, fixed
# expressions), never from user input; values from outside (dates) go through query parameters or the ORM.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.models import Count, Max, Q, QuerySet, Sum

from danvan.reporting.registry import UnitFigure

logger = logging.getLogger(__name__)

TABLE = "reporting_factcount"
PREFIX = "reporting_cnt_"
GRAINS = ("Y", "M", "D")
EARLIEST = dt.date(1900, 1, 1)  # lower end of "everything before" ranges (Y buckets from here)

Sql = Callable[[str, str], str]  # (vendor, row alias) -> SQL expression


@dataclass(frozen=True)
class Fact:
    """Records of `table` counted on the date `day`, per `unit` column and `key`, where `when` holds.

    The expressions are functions of the database vendor ("sqlite" / "postgresql") and the row alias
    (`new`, `old` in triggers, `r` in rebuilds); `key` must give text. `columns` lists every column the
    expressions read: an UPDATE that changes none of them does not touch the counts.

    `via` counts a record for its parent's unit: (foreign-key column of `table`, parent table); `unit` is
    then the parent's column. The parent's unit must not change afterwards (a poll, a consultation: none
    of their services moves them); `mismatches()` would show it.
    """

    name: str
    table: str
    day: Sql
    columns: tuple[str, ...]
    key: Sql | None = None
    when: Sql | None = None
    unit: str = "unit_id"
    grains: tuple[str, ...] = GRAINS
    weight: Sql | None = None  # what a record adds (default 1): e.g. a dialogue's number of questions
    via: tuple[str, str] | None = None

    @property
    def unit_column(self) -> str:
        """The column of `table` that decides the unit: the unit's, or the parent's key."""
        return self.via[0] if self.via else self.unit

    def unit_sql(self, row: str) -> str:
        if self.via is None:
            return f"{row}.{self.unit}"
        key, parent = self.via
        return f"(SELECT p.{self.unit} FROM {parent} p WHERE p.id = {row}.{key})"


_facts: dict[str, Fact] = {}


def register_fact(fact: Fact) -> None:
    _facts[fact.name] = fact


def facts() -> list[Fact]:
    return sorted(_facts.values(), key=lambda f: (f.table, f.name))


def get_fact(name: str) -> Fact:
    return _facts[name]


# --- SQL building blocks --------------------------------------------------------------------------------
@cache
def _utc_offset_seconds() -> int:
    """The project's time zone as a fixed offset (SQLite has no time zones): refuse a zone with DST."""
    zone = ZoneInfo(settings.TIME_ZONE)
    offsets = {
        dt.datetime(year, month, 1, tzinfo=zone).utcoffset()
        for year in (1990, 2010, 2030)
        for month in (1, 7)
    }
    if len(offsets) != 1:
        raise ImproperlyConfigured(f"reporting counts need a time zone without DST, not {settings.TIME_ZONE}")
    offset = offsets.pop()
    assert offset is not None
    return int(offset.total_seconds())


def local_day(vendor: str, expr: str) -> str:
    """The local calendar day (settings.TIME_ZONE) of a stored date-time, as a date (PostgreSQL) or an
    ISO 'YYYY-MM-DD' text (SQLite, where Django stores UTC date-times as text)."""
    if vendor == "postgresql":
        return f"(({expr}) AT TIME ZONE '{settings.TIME_ZONE}')::date"
    return f"date({expr}, '{_utc_offset_seconds():+d} seconds')"


def day_after(vendor: str, expr: str, days: int = 1) -> str:
    """The day `days` days after a date column (the next day by default)."""
    return f"({expr} + {int(days)})" if vendor == "postgresql" else f"date({expr}, '+{int(days)} days')"


def latest(vendor: str, *exprs: str) -> str:
    """The latest of several day expressions."""
    return f"GREATEST({', '.join(exprs)})" if vendor == "postgresql" else f"max({', '.join(exprs)})"


def _bucket(vendor: str, grain: str, day: str) -> str:
    if vendor == "postgresql":
        unit = {"Y": "year", "M": "month"}.get(grain)
        return f"(date_trunc('{unit}', {day}))::date" if unit else f"({day})::date"
    return {"Y": f"strftime('%Y-01-01', {day})", "M": f"strftime('%Y-%m-01', {day})"}.get(
        grain, f"date({day})"
    )


def _weight(fact: Fact, vendor: str, row: str) -> str:
    return f"({fact.weight(vendor, row)})" if fact.weight else "1"


def _parts(fact: Fact, vendor: str, row: str) -> tuple[str, str, str, str]:
    """(unit, day, key, condition) SQL for one row."""
    unit = fact.unit_sql(row)
    day = fact.day(vendor, row)
    key = f"COALESCE({fact.key(vendor, row)}, '')" if fact.key else "''"
    cond = f"{unit} IS NOT NULL AND ({day}) IS NOT NULL"
    if fact.when:
        cond += f" AND ({fact.when(vendor, row)})"
    return unit, day, key, cond


def _increment(fact: Fact, vendor: str, row: str) -> list[str]:
    unit, day, key, cond = _parts(fact, vendor, row)
    weight = _weight(fact, vendor, row)
    plus = f"{TABLE}.n + excluded.n" if vendor == "postgresql" else "n + excluded.n"
    return [
        f"INSERT INTO {TABLE} (fact, grain, bucket, unit_id, dim, n) "
        f"SELECT '{fact.name}', '{grain}', {_bucket(vendor, grain, day)}, {unit}, {key}, {weight} WHERE {cond} "
        f"ON CONFLICT (fact, grain, bucket, unit_id, dim) DO UPDATE SET n = {plus};"
        for grain in fact.grains
    ]


def _decrement(fact: Fact, vendor: str, row: str) -> list[str]:
    """Only UPDATE: the row exists whenever the record was counted (and a wiped table stays empty)."""
    unit, day, key, cond = _parts(fact, vendor, row)
    weight = _weight(fact, vendor, row)
    return [
        f"UPDATE {TABLE} SET n = n - {weight} WHERE fact = '{fact.name}' AND grain = '{grain}' "
        f"AND bucket = {_bucket(vendor, grain, day)} AND unit_id = {unit} AND dim = {key} AND ({cond});"
        for grain in fact.grains
    ]


def _by_table() -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for fact in facts():
        out.setdefault(fact.table, []).append(fact)
    return out


def _signature(table: str, table_facts: list[Fact], vendor: str) -> str:
    # "ordered": PostgreSQL's update trigger takes the lower unit's rows first (triggers of before are replaced).
    text = ("ordered\n" if vendor == "postgresql" else "") + "\n".join(
        " ".join(_increment(f, vendor, "new") + _decrement(f, vendor, "old") + sorted(f.columns))
        for f in table_facts
    )
    return hashlib.sha256(f"{table}\n{text}".encode()).hexdigest()[:8]


def trigger_sql(vendor: str, tables: set[str] | None = None) -> dict[str, list[str]]:
    """{trigger name: statements creating it} for every table that has facts (and exists)."""
    out: dict[str, list[str]] = {}
    for table, table_facts in _by_table().items():
        if tables is not None and table not in tables:
            continue
        sig = _signature(table, table_facts, vendor)
        columns = sorted({c for f in table_facts for c in (*f.columns, f.unit_column)})
        inc = [s for f in table_facts for s in _increment(f, vendor, "new")]
        dec = [s for f in table_facts for s in _decrement(f, vendor, "old")]
        base = f"{PREFIX}{table}_{sig}"
        if vendor == "postgresql":
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
            names = ", ".join(f"'{f.name}'" for f in table_facts)
            # An update that moves a record to another unit touches two units' rows: the lower unit's
            # first, so that two moves in opposite directions at once lock them in the same order (no
            # deadlock between, say, two transfers A → B and B → A).
            unit = table_facts[0].unit_column
            out[base] = [
                f"CREATE OR REPLACE FUNCTION {base}() RETURNS trigger AS $$ BEGIN "
                f"IF TG_OP = 'DELETE' THEN {' '.join(dec)} END IF; "
                f"IF TG_OP = 'INSERT' THEN {' '.join(inc)} END IF; "
                f"IF TG_OP = 'UPDATE' THEN IF NEW.{unit} < OLD.{unit} THEN {' '.join(inc + dec)} "
                f"ELSE {' '.join(dec + inc)} END IF; END IF; "
                "RETURN NULL; END; $$ LANGUAGE plpgsql",
                f"CREATE TRIGGER {base}_aid AFTER INSERT OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {base}()",
                f"CREATE TRIGGER {base}_au AFTER UPDATE OF {', '.join(columns)} ON {table} "
                f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {base}()",
                f"CREATE OR REPLACE FUNCTION {base}_tr() RETURNS trigger AS $$ BEGIN "
                f"DELETE FROM {TABLE} WHERE fact IN ({names}); RETURN NULL; END; $$ LANGUAGE plpgsql",
                f"CREATE TRIGGER {base}_tr AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {base}_tr()",
            ]
        else:
            changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
            out[base] = [
                f"CREATE TRIGGER {base}_ai AFTER INSERT ON {table} BEGIN {' '.join(inc)} END",
                f"CREATE TRIGGER {base}_ad AFTER DELETE ON {table} BEGIN {' '.join(dec)} END",
                f"CREATE TRIGGER {base}_au AFTER UPDATE OF {', '.join(columns)} ON {table} "
                f"WHEN {changed} BEGIN {' '.join(dec)} {' '.join(inc)} END",
            ]
    return out


def _existing(cursor: object, vendor: str) -> dict[str, str]:
    """{trigger name: table} of the count triggers in the database."""
    if vendor == "postgresql":
        cursor.execute(  # type: ignore[attr-defined]
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
            [PREFIX + "%"],
        )
    else:
        cursor.execute(  # type: ignore[attr-defined]
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"]
        )
    return dict(cursor.fetchall())  # type: ignore[attr-defined]


def _trigger_names(base: str, vendor: str) -> set[str]:
    suffixes = ("_aid", "_au", "_tr") if vendor == "postgresql" else ("_ai", "_ad", "_au")
    return {base + s for s in suffixes}


def install(using: str = "default", *, force: bool = False) -> bool:
    """Create the count triggers if they are missing or stale, then rebuild the counts. True if it did."""
    connection = connections[using]
    vendor = connection.vendor
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if TABLE not in tables:
            return False
        present = _existing(cursor, vendor)
    wanted = trigger_sql(vendor, tables)
    expected = {name for base in wanted for name in _trigger_names(base, vendor)}
    if not force and set(present) == expected:
        return False
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for name, table in present.items():
            if vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
            else:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        if vendor == "postgresql":
            cursor.execute(
                "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace "
                "WHERE s.nspname = current_schema() AND p.proname LIKE %s",
                [PREFIX + "%"],
            )
            for (signature,) in cursor.fetchall():
                cursor.execute(f"DROP FUNCTION IF EXISTS {signature}")
        for statements in wanted.values():
            for sql in statements:
                cursor.execute(sql)
        rebuild(using=using)
    logger.info("reporting counts: triggers installed, counts rebuilt")
    return True


def rebuild(using: str = "default", names: Iterable[str] | None = None) -> dict[str, int]:
    """Recompute the counts from the records: day buckets by one INSERT … SELECT … GROUP BY per fact,
    months from days, years from months. Writers of the records' tables wait until it is done."""
    connection = connections[using]
    vendor = connection.vendor
    wanted = set(names) if names is not None else None
    out: dict[str, int] = {}
    with transaction.atomic(using=using), connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        chosen = [f for f in facts() if (wanted is None or f.name in wanted) and f.table in tables]
        if vendor == "postgresql" and chosen:
            locked = ", ".join(sorted({f.table for f in chosen}))
            cursor.execute(f"LOCK TABLE {locked}, {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        for fact in chosen:
            cursor.execute(f"DELETE FROM {TABLE} WHERE fact = %s", [fact.name])
            finest = fact.grains[-1]
            unit, day, key, cond = _parts(fact, vendor, "r")
            cursor.execute(
                f"INSERT INTO {TABLE} (fact, grain, bucket, unit_id, dim, n) "
                f"SELECT '{fact.name}', '{finest}', b, u, k, SUM(w) FROM "
                f"(SELECT {_bucket(vendor, finest, day)} AS b, {unit} AS u, {key} AS k, {_weight(fact, vendor, 'r')} AS w "
                f"FROM {fact.table} r WHERE {cond}) x GROUP BY b, u, k"
            )
            for finer, coarser in zip(fact.grains[::-1], fact.grains[::-1][1:], strict=False):
                cursor.execute(
                    f"INSERT INTO {TABLE} (fact, grain, bucket, unit_id, dim, n) "
                    f"SELECT fact, '{coarser}', {_bucket(vendor, coarser, 'bucket')}, unit_id, dim, SUM(n) "
                    f"FROM {TABLE} WHERE fact = %s AND grain = '{finer}' "
                    f"GROUP BY fact, {_bucket(vendor, coarser, 'bucket')}, unit_id, dim",
                    [fact.name],
                )
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE fact = %s", [fact.name])
            out[fact.name] = int(cursor.fetchone()[0])
    return out


def mismatches(using: str = "default") -> list[tuple[object, ...]]:
    """Rows where the stored counts differ from a recount straight from the records (every grain)."""
    connection = connections[using]
    vendor = connection.vendor
    expected: dict[tuple[str, str, str, int, str], int] = {}
    with connection.cursor() as cursor:
        for fact in facts():
            unit, day, key, cond = _parts(fact, vendor, "r")
            for grain in fact.grains:
                cursor.execute(
                    f"SELECT {_bucket(vendor, grain, day)}, {unit}, {key}, SUM({_weight(fact, vendor, 'r')}) "
                    f"FROM {fact.table} r "
                    f"WHERE {cond} GROUP BY 1, 2, 3"
                )
                for bucket, unit_id, key_value, n in cursor.fetchall():
                    expected[(fact.name, grain, str(bucket), int(unit_id), key_value)] = int(n)
        cursor.execute(f"SELECT fact, grain, bucket, unit_id, dim, n FROM {TABLE} WHERE n <> 0")
        stored: dict[tuple[str, str, str, int, str], int] = {
            (f, g, str(b), int(u), k): int(n) for f, g, b, u, k, n in cursor.fetchall()
        }
    keys = set(expected) | set(stored)
    return sorted(
        (*k, stored.get(k, 0), expected.get(k, 0)) for k in keys if stored.get(k, 0) != expected.get(k, 0)
    )


# --- reading -----------------------------------------------------------------------------------------
def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def spans(
    start: dt.date, end: dt.date, grains: tuple[str, ...] = GRAINS
) -> list[tuple[str, dt.date, dt.date]]:
    """[start, end] as at most five bucket ranges (grain, first bucket, last bucket): days up to the first
    month start, months up to the first year start, whole years, months, then the remaining days."""
    if start > end:
        return []
    if "M" not in grains or "Y" not in grains:
        return [("D", start, end)]
    out: list[tuple[str, dt.date, dt.date]] = []
    day = start
    if day.day != 1 or _month_end(day) > end:
        last = min(end, _month_end(day))
        out.append(("D", day, last))
        day = last + dt.timedelta(days=1)
    months: list[dt.date] = []
    while day <= end and day.month != 1 and _month_end(day) <= end:
        months.append(day)
        day = _month_end(day) + dt.timedelta(days=1)
    if months:
        out.append(("M", months[0], months[-1]))
    years: list[dt.date] = []
    while day <= end and day.month == 1 and dt.date(day.year, 12, 31) <= end:
        years.append(day)
        day = dt.date(day.year + 1, 1, 1)
    if years:
        out.append(("Y", years[0], years[-1]))
    months = []
    while day <= end and _month_end(day) <= end:
        months.append(day)
        day = _month_end(day) + dt.timedelta(days=1)
    if months:
        out.append(("M", months[0], months[-1]))
    if day <= end:
        out.append(("D", day, end))
    return out


def in_range(name: str, start: dt.date, end: dt.date) -> Q:
    """The count rows of fact `name` whose buckets exactly cover the days [start, end]."""
    q = Q(pk__in=[])
    for grain, lo, hi in spans(start, end, get_fact(name).grains):
        # the fact in every branch: each one is a range scan of the (fact, grain, bucket...) index; one
        # bucket (a whole year, the usual period) is an equality, so the rows come in (unit, key) order
        # and the database groups them without sorting
        if lo == hi:
            q |= Q(fact=name, grain=grain, bucket=lo)
        else:
            q |= Q(fact=name, grain=grain, bucket__gte=lo, bucket__lte=hi)
    return q


def figures(
    condition: Q, *, numerator: Q | None = None, denominator: Q | None = None, minus: Q | None = None
) -> list[UnitFigure]:
    """One grouped query over the count rows matching `condition`, per unit: the sum of their counts; or,
    with `numerator` / `denominator`, the sums of the rows matching each (a share); `minus`: rows whose
    counts are subtracted (e.g. "past due by the day" − "done by the day"). Units at 0 are left out."""
    from danvan.reporting.models import FactCount

    rows = FactCount.objects.filter(condition).values("unit_id").order_by()
    if minus is not None:
        grouped = rows.annotate(plus=Sum("n", filter=~minus), less=Sum("n", filter=minus))
        out = [UnitFigure(u, int(p or 0) - int(m or 0)) for u, p, m in _fetch(grouped, "plus", "less")]
        return [f for f in out if f.numerator]
    if numerator is None and denominator is None:
        return [
            UnitFigure(u, int(t)) for u, t in _fetch(rows.annotate(total=Sum("n")).exclude(total=0), "total")
        ]
    both = rows.annotate(
        part=Sum("n", filter=numerator) if numerator is not None else Sum("n"),
        total=Sum("n", filter=denominator) if denominator is not None else Sum("n"),
    )
    return [UnitFigure(u, int(p or 0), int(t)) for u, p, t in _fetch(both, "part", "total") if t]


def sums_by_key(condition: Q) -> list[tuple[int, str, int]]:
    """(unit, key, sum of counts) of the count rows matching `condition` (keys with a sum of 0 left out)."""
    from danvan.reporting.models import FactCount

    grouped = FactCount.objects.filter(condition).values("unit_id", "dim").order_by().annotate(total=Sum("n"))
    return [(u, k, int(t)) for u, k, t in _fetch(grouped.exclude(total=0), "dim", "total")]


def rows_by_key(condition: Q) -> list[tuple[int, str, int]]:
    """(unit, key, number of count rows above 0) of the rows matching `condition`: with day buckets, the
    number of distinct days on which the unit had such a record."""
    from danvan.reporting.models import FactCount

    grouped = (
        FactCount.objects.filter(condition, n__gt=0)
        .values("unit_id", "dim")
        .order_by()
        .annotate(rows=Count("id"))
    )
    return [(u, k, int(t)) for u, k, t in _fetch(grouped, "dim", "rows")]


def largest_key(condition: Q) -> list[tuple[int, str]]:
    """(unit, largest key) of the count rows above 0 matching `condition` (keys that sort as numbers:
    zero-padded)."""
    from danvan.reporting.models import FactCount

    grouped = (
        FactCount.objects.filter(condition, n__gt=0).values("unit_id").order_by().annotate(most=Max("dim"))
    )
    return [(u, str(k)) for u, k in _fetch(grouped, "most")]


def _fetch(grouped: QuerySet[Any], *columns: str) -> list[tuple[Any, ...]]:
    """The rows of a grouped query as plain tuples (unit, *columns): the query is built by the ORM and run
    on the cursor. A national year returns some 3,000 rows per indicator and 40 indicators; the ORM's
    per-row conversions cost more than the query (sums arrive as int, or Decimal on PostgreSQL: the
    callers convert)."""
    query = grouped.values_list("unit_id", *columns).query
    sql, params = query.get_compiler(using=grouped.db).as_sql()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def prefix(name: str, end: dt.date) -> Q:
    """The count rows of fact `name` for every day up to `end` (for "as of the end of the period" facts)."""
    return in_range(name, EARLIEST, end)
