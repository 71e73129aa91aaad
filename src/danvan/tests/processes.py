"""The platform in child processes, for the fault tests (a worker or server killed with SIGKILL, PostgreSQL
restarted): a production-mode environment of its own and the `danvan` command run in it."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from contextlib import closing
from pathlib import Path

from cryptography.fernet import Fernet


def production_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment without its DANVAN_ settings, in production mode with fresh secrets and
    its data under `data_dir`; `settings` adds or replaces DANVAN_ variables (`DANVAN_EMAIL_URL=...`)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        DANVAN_DATA_DIR=str(data_dir),
        DANVAN_MODE="production",
        DANVAN_SECRET_KEY="faults-" + uuid.uuid4().hex * 2,
        DANVAN_FIELD_KEYS=Fernet.generate_key().decode(),
        DANVAN_AUDIT_KEYS="faults:" + uuid.uuid4().hex * 2,
        DANVAN_SSL_REDIRECT="0",
    )
    env.update(settings)
    return env


def run_danvan(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """`danvan ARGS` in `env`; its standard output. Fails the test with the end of its errors otherwise."""
    result = subprocess.run(
        [sys.executable, "-m", "danvan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


_TEMPLATE: list[Path] = []  # this process's migrated SQLite database, made once


def migrate(env: dict[str, str]) -> None:
    """`danvan migrate` in `env`. On the embedded SQLite database (no DANVAN_DATABASE_URL), the first call in
    this process migrates a template database of its own and every call copies it into `env`'s data
    folder: migrating from scratch renders the state of every migration again and takes 30-80 s, and the
    suite's fault and command tests need a fresh database each. PostgreSQL is migrated for real."""
    if env.get("DANVAN_DATABASE_URL"):
        run_danvan(env, "migrate", "--noinput", "-v", "0")
        return
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="danvan-migrated-"))
        atexit.register(shutil.rmtree, folder, True)
        run_danvan({**env, "DANVAN_DATA_DIR": str(folder)}, "migrate", "--noinput", "-v", "0")
        _TEMPLATE.append(folder / "danvan.sqlite3")
    target = Path(env["DANVAN_DATA_DIR"]) / "danvan.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(_TEMPLATE[0])) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
