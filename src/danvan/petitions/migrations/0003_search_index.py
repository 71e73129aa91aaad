"""Full-text index over the folded `search_text`: SQLite FTS5 (external content) or a PostgreSQL GIN index."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE petitions_petition_fts USING fts5("
    "search_text, content='petitions_petition', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER petitions_fts_ai AFTER INSERT ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER petitions_fts_ad AFTER DELETE ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER petitions_fts_au AFTER UPDATE OF search_text ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO petitions_petition_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO petitions_petition_fts(petitions_petition_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS petitions_fts_ai",
    "DROP TRIGGER IF EXISTS petitions_fts_ad",
    "DROP TRIGGER IF EXISTS petitions_fts_au",
    "DROP TABLE IF EXISTS petitions_petition_fts",
]
POSTGRES = [
    "CREATE INDEX IF NOT EXISTS pet_search_gin ON petitions_petition "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS pet_search_gin"]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_seed_rules")]
    operations = [migrations.RunPython(forwards, backwards)]
