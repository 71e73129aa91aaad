"""SQLite full-text index: no automatic segment merge after each write (it cost every submission about
0.4 ms of CPU at a million petitions); the analysis process merges in short steps (`search.merge_step`)."""

from django.db import migrations

FTS = "petitions_petition_fts"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('automerge', 0)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('automerge', 4)")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_rule_table_stamp")]
    operations = [migrations.RunPython(forwards, backwards)]
