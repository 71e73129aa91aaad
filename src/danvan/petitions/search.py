"""Full-text search that ignores diacritics and case, on SQLite (FTS5) and PostgreSQL (GIN tsvector).

`Petition.search_text` holds the folded text ("dat dai"); the query is folded the same way, so
"dat dai", "Đất Đai" and "ĐẤT ĐAI" all find "đất đai". Never indexes a denunciator's identity.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from danvan.core.text import fold_words, search_terms
from danvan.petitions.models import Petition

FTS_TABLE = "petitions_petition_fts"


def merge_step(pages: int = 16) -> bool:
    """Merge a few pages of the SQLite full-text index's segments; True while there is more to merge.

    Migration 0006 turns FTS5's automatic merging off (`automerge` = 0): merging after every small
    write cost each submission about 0.4 ms of CPU at a million petitions. The analysis process calls
    this in short steps instead (each its own brief transaction, so it never holds the writers long).
    """
    if connection.vendor != "sqlite":
        return False  # PostgreSQL's GIN index maintains itself (fastupdate, autovacuum)
    from django.db import transaction

    from danvan.petitions import writelock

    with writelock.writer_turn(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        before = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('merge', %s)",  # noqa: S608 - constant name
            [pages],
        )
        cursor.execute("SELECT total_changes()")
        after = cursor.fetchone()[0]
    return bool(after - before >= 2)  # SQLite's documented test: fewer than 2 changes = nothing left


_SQLITE_TRIGGERS = {  # as migration 0003 creates them
    "petitions_fts_ai": "CREATE TRIGGER IF NOT EXISTS petitions_fts_ai AFTER INSERT ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "petitions_fts_ad": "CREATE TRIGGER IF NOT EXISTS petitions_fts_ad AFTER DELETE ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "petitions_fts_au": "CREATE TRIGGER IF NOT EXISTS petitions_fts_au AFTER UPDATE OF search_text ON "
    "petitions_petition BEGIN INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO petitions_petition_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
}


def ensure_index(using: str = "default") -> bool:
    """Put back the SQLite full-text triggers when a migration that remade `petitions_petition` dropped
    them (SQLite's ALTER TABLE emulation copies the table and loses its triggers), and rebuild the index
    from the table. Runs after every `migrate` (post_migrate). True when something was repaired."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
        if cursor.fetchone() is None:
            return False  # before migration 0003
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'petitions_petition'"
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [sql for name, sql in _SQLITE_TRIGGERS.items() if name not in present]
        for sql in missing:
            cursor.execute(sql)
        if missing:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608
    return bool(missing)


def search_text_for(*parts: str) -> str:
    return fold_words(" ".join(p for p in parts if p))


def apply(queryset: QuerySet[Petition], query: str, *, narrow: bool = False) -> QuerySet[Petition]:
    """Filter by the folded words of `query` (all must occur).

    `narrow`: the queryset is already limited to a province or commune subtree. On SQLite the id test is
    then written `+id IN (...)` so that the planner walks the (unit, received_at) index of those few units
    and checks the full-text matches as a set, instead of fetching every matching row nationwide.
    """
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        condition = RawSQL(
            "to_tsvector('simple'::regconfig, petitions_petition.search_text) "
            "@@ plainto_tsquery('simple'::regconfig, %s)",
            [" ".join(terms)],
            output_field=BooleanField(),
        )
    else:
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        condition = RawSQL(  # noqa: S611 - constant SQL, the query is a bound parameter
            f"{'+' if narrow else ''}petitions_petition.id IN "  # noqa: S608
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            [match],
            output_field=BooleanField(),
        )
    return queryset.filter(condition)
