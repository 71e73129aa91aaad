from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        connection_created.connect(_private_sqlite_files, dispatch_uid="danvan.core.private_sqlite_files")


def _private_sqlite_files(sender: object, connection: object, **kwargs: object) -> None:
    """A SQLite database created before the process's umask was set (older installations) is made 0600,
    with its WAL and shared-memory files, when a connection opens (#16 item 10)."""
    import os
    import stat

    if getattr(connection, "vendor", "") != "sqlite":
        return
    name = str(getattr(connection, "settings_dict", {}).get("NAME") or "")
    if not name or name.startswith("file:") or ":memory:" in name:
        return
    for path in (name, name + "-wal", name + "-shm"):
        try:
            if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            continue  # not there (yet), or not ours
