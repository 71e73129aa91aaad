"""The database cache's table (rate limits and login lockouts shared by every process when no Redis is
configured): what `createcachetable` does, run by `migrate` so that `make run` and the tests have it."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    alias = schema_editor.connection.alias
    command = CreateCacheTable()
    command.verbosity = 0
    for name in settings.CACHES:
        cache = caches[name]
        if isinstance(cache, BaseDatabaseCache):
            command.create_table(alias, cache._table, dry_run=False)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_keyed_audit_chain"),
    ]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
    ]
