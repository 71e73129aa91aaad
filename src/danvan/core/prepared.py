"""INSERTs compiled before the write transaction, so that the transaction itself only executes SQL.

On SQLite one writer holds the database at a time. The ORM's `save()` spends most of its time in Python
(compiling the statement, preparing each value), and inside a write transaction that time is time every
other writer waits, made longer by the other request threads of the worker taking the interpreter lock
in turn. `PreparedInsert` does that work up front; inside the transaction `execute()` fills in the
values only known there (the new parent row's id) and runs one statement.

Model `save()` overrides and `pre_save`/`post_save` signals do not run: use it only for models that
have none (database triggers do run). The instance gets its primary key and is marked saved.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.db import connection, models


@cache
def _insert_sql(
    model: type[models.Model], columns: tuple[str, ...], pk_column: str, vendor: str, rows: int = 1
) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join([f"({', '.join(['%s'] * len(columns))})"] * rows)
    table = quote(model._meta.db_table)
    return f"INSERT INTO {table} ({names}) VALUES {marks} RETURNING {quote(pk_column)}"  # noqa: S608 - model names


@cache
def _layout(model: type[models.Model]) -> tuple[list[models.Field[Any, Any]], dict[str, int]]:
    """The model's inserted fields (all concrete ones but the primary key) and their places by attribute."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return fields, {f.attname: i for i, f in enumerate(fields)}


@cache
def _plain_text(model: type[models.Model]) -> frozenset[str]:
    """Attribute names of the model's CharField and TextField columns (those classes exactly: no subclass's
    conversion, no `pre_save` of their own), whose str values need no preparation for the database."""
    return frozenset(
        f.attname
        for f in model._meta.concrete_fields
        if type(f) in (models.CharField, models.TextField) and not f.primary_key
    )


class PreparedInsert:
    """One model instance's INSERT, its SQL and parameters computed now; `execute()` runs it."""

    def __init__(self, obj: models.Model) -> None:
        meta = obj._meta
        if obj.pk is not None:
            raise ValueError(f"{meta.label}: the row already has a primary key")
        self.obj = obj
        self._fields, self._index = _layout(type(obj))
        assert meta.pk is not None
        self._sql = _insert_sql(
            type(obj), tuple(f.column for f in self._fields), meta.pk.column, connection.vendor
        )
        self._params: list[Any] = [
            f.get_db_prep_save(f.pre_save(obj, True), connection) for f in self._fields
        ]

    def set(self, **values: Any) -> None:
        """Give fields (by attribute name, e.g. `petition_id`) their final values before `execute()`."""
        for attname, value in values.items():
            field = self._fields[self._index[attname]]
            setattr(self.obj, attname, value)
            self._params[self._index[attname]] = field.get_db_prep_save(value, connection)

    def execute(self, **values: Any) -> Any:
        """Insert the row (inside the caller's transaction); returns and sets its primary key."""
        self.set(**values)
        with connection.cursor() as cursor:
            cursor.execute(self._sql, self._params)
            pk = cursor.fetchone()[0]
        self.obj.pk = pk
        self.obj._state.adding = False
        self.obj._state.db = connection.alias
        return pk


def insert_all(objs: Sequence[models.Model], *, chunk: int = 100) -> None:
    """Insert `objs` (instances of one model, without primary keys) in the caller's transaction, one
    statement per `chunk` rows; each instance gets its primary key (RETURNING gives them in the order of
    the rows, as the ORM's `bulk_create` relies on with both databases) and is marked saved. A str in a
    plain CharField or TextField is sent as it is; every other value goes through its field's
    `get_db_prep_save` (the generic path cost 2 µs a column)."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    assert meta.pk is not None
    fields, _ = _layout(model)
    plain = _plain_text(model)
    columns = tuple(f.column for f in fields)
    for start in range(0, len(objs), chunk):
        part = objs[start : start + chunk]
        params: list[Any] = []
        for obj in part:
            if type(obj) is not model or obj.pk is not None:
                raise ValueError(f"{meta.label}: rows of one model, without primary keys")
            for f in fields:
                value = getattr(obj, f.attname) if f.attname in plain else None
                if value is None or type(value) is not str:  # a str of a plain text column is sent as is
                    value = f.get_db_prep_save(f.pre_save(obj, True), connection)
                params.append(value)
        sql = _insert_sql(model, columns, meta.pk.column, connection.vendor, len(part))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            pks = [row[0] for row in cursor.fetchall()]
        for obj, pk in zip(part, pks, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = connection.alias


@contextmanager
def binding_cursor() -> Iterator[Any]:
    """A cursor of the default connection (Django's wrapper: query logging, execute wrappers) whose
    parameters travel apart from the SQL on PostgreSQL (server-side binding): a statement run again on the
    same connection is then prepared once (psycopg's `prepare_threshold`, settings
    DANVAN_DB_PREPARE_THRESHOLD) and no longer planned nor quoted on each run. The ORM's own cursors bind on
    the client and are never prepared. On SQLite the usual cursor (the sqlite3 module keeps its compiled
    statements already)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = ServerBindingCursor(connection.connection)  # type: ignore[call-arg]
    with connection._prepare_cursor(raw) as cursor:  # type: ignore[attr-defined]  # Django's own wrapping
        yield cursor


def to_row(obj: models.Model) -> dict[str, Any]:
    """The instance's concrete field values by attribute name, as JSON values (dates in ISO 8601)."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = field.value_to_string(obj)
        row[field.attname] = value
    return row


def from_row(model: type[models.Model], row: dict[str, Any]) -> models.Model:
    """A new, unsaved instance from `to_row()`'s values (each parsed back by its field)."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    values = {name: fields[name].to_python(value) for name, value in row.items() if name in fields}
    return model(**values)
