"""`flush` that keeps the audit log's append-only triggers.

Django's flush empties every table with DELETE on SQLite, which the audit log's trigger refuses.
Emptying the whole database is an explicit administrative act (and what transactional tests do),
so this command lifts the SQLite triggers for the wipe and puts them back afterwards.
On PostgreSQL flush uses TRUNCATE, which row triggers do not see.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from danvan.core import audit_sql as audit_triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        with connection.cursor() as cursor:
            for sql in audit_triggers.SQLITE_DROP:
                cursor.execute(sql)
        try:
            super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for sql in audit_triggers.SQLITE_CREATE:
                    cursor.execute(sql)
