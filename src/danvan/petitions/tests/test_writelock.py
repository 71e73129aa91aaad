"""The petitions' writers take turns on an OS lock (SQLite file databases) instead of polling SQLite's lock."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from danvan.petitions import writelock

HOLDER = (
    "import fcntl, os, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('held', flush=True)\n"
    "time.sleep(0.4)\n"
)


def test_a_writer_waits_for_the_turn_held_by_another_process_and_gets_it_when_released(
    tmp_path: Path, monkeypatch: Any
) -> None:
    path = str(tmp_path / "danvan.sqlite3-writers.lock")
    monkeypatch.setattr(writelock, "_lock_path", lambda: path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    with writelock.writer_turn():
        waited = time.monotonic() - started
    holder.wait(10)
    assert 0.2 < waited < 5


def test_threads_of_one_process_take_turns(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(writelock, "_lock_path", lambda: str(tmp_path / "w.lock"))
    inside = 0
    most = 0
    guard = threading.Lock()

    def write() -> None:
        nonlocal inside, most
        for _ in range(20):
            with writelock.writer_turn():
                with guard:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.001)
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 1


def test_nothing_is_locked_on_an_in_memory_or_postgresql_database(monkeypatch: Any) -> None:
    monkeypatch.setattr(writelock, "_lock_path", lambda: None)
    with writelock.writer_turn():
        pass
