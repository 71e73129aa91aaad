"""Queue the petitions' write transactions on SQLite instead of letting them poll for the database lock.

SQLite has one writer at a time. A writer that finds the database locked waits in SQLite's busy handler,
which sleeps 1, 2, 5, 10, 15, 20, 25… ms between retries: under a burst of submissions the lock often
sits free while every waiter sleeps, and a request spends far longer waiting than working. `writer_turn()`
makes the intake and the analysis writers take turns on an operating-system lock first (a thread lock in
the process, then `flock` on a file beside the database shared by the gunicorn workers and the analysis
process), which hands the turn over as soon as it is released. The database lock stays the real guard:
other writers that do not queue here still wait in the busy handler as before. On PostgreSQL (row
locks) and on an in-memory database this does nothing.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_thread_lock = threading.Lock()
_files: dict[tuple[int, str], int] = {}  # (process id, lock file path) -> descriptor
_files_lock = threading.Lock()


def _lock_path() -> str | None:
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name == ":memory:" or "mode=memory" in name:
        return None
    return f"{name}-writers.lock"


def _descriptor(path: str) -> int:
    """This process's own descriptor: a descriptor inherited through fork() would share its lock."""
    key = (os.getpid(), path)
    with _files_lock:
        fd = _files.get(key)
        if fd is None:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            _files[key] = fd
        return fd


@contextmanager
def writer_turn() -> Iterator[None]:
    """Wait for this writer's turn (SQLite file databases only), then run the write transaction."""
    path = _lock_path()
    if path is None or connection.in_atomic_block:  # nested in a caller's transaction: it holds the lock
        yield
        return
    with _thread_lock:
        fd = _descriptor(path)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
