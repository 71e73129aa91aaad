"""The rule tables' change stamp: triggers set a new random stamp on every write to the routing or deadline
rules (admin, services, raw SQL, data migrations alike), so the in-memory rule cache of every process
(`rules.current()`) reloads on its next use."""

from django.db import migrations, models

TABLES = ("petitions_routingrule", "petitions_deadlinerule")
UPSERT = "INSERT INTO petitions_ruletablestamp (id, stamp) VALUES (1, {value}) ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp"


def _sqlite() -> list[str]:
    statements = []
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_stamp_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {UPSERT.format(value='random()')}; END"
            )
    return statements


POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION petitions_touch_rule_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    + UPSERT.format(value="(random() * 9.0e18)::bigint")
    + "; RETURN NULL; END $$"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION petitions_touch_rule_stamp()"
            )
    else:
        for sql in _sqlite():
            schema_editor.execute(sql)
    schema_editor.execute(UPSERT.format(value="1"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS petitions_touch_rule_stamp()")
    else:
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_enrichment_queue")]

    operations = [
        migrations.CreateModel(
            name="RuleTableStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("stamp", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "dấu phiên bản bảng quy tắc"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
