"""A task worker (`danvan db_worker`, django-tasks-db) killed with SIGKILL in the middle of a press batch: the
job stops beating, and once its heartbeat is older than JOB_STALE_SECONDS it is marked failed with the
interrupted message, while django-tasks-db's own record of the task still says RUNNING (why core.jobs keeps
a heartbeat of its own). Runs with DANVAN_FAULTS=1 (as the other fault tests; `make pytest` sets it)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from danvan.tests.processes import migrate, production_env, run_danvan

pytestmark = pytest.mark.slow

HEARTBEAT = 1
STALE = 8
INTERRUPTED = "Tác vụ bị gián đoạn (máy chủ xử lý dừng giữa chừng). Hãy chạy lại."


def _env(tmp: Path) -> dict[str, str]:
    return production_env(
        tmp,
        DANVAN_TASKS_BACKEND="db",
        DANVAN_JOB_HEARTBEAT_SECONDS=str(HEARTBEAT),
        DANVAN_JOB_STALE_SECONDS=str(STALE),
    )


def _job(db_path: Path) -> tuple[str, str, str | None]:
    with sqlite3.connect(db_path) as db:
        row = db.execute("SELECT status, error, heartbeat_at FROM press_ingestjob").fetchone()
    return row


@pytest.mark.skipif(
    os.environ.get("DANVAN_FAULTS") != "1", reason="set DANVAN_FAULTS=1 to run it (see the README)"
)
def test_a_job_whose_worker_is_killed_mid_run_is_marked_interrupted_once_its_heartbeat_is_old(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    db_path = tmp_path / "danvan.sqlite3"
    reached = tmp_path / "reached"
    migrate(env)
    run_danvan(
        env,
        "shell",
        "-c",
        "from danvan.accounts.models import User\n"
        "from danvan.press import tasks\n"
        "u = User.objects.create_user(username='root', password='x', is_superuser=True, is_staff=True)\n"
        "tasks.start_batch(actor=u, files=[('a.txt', 'Một bài báo.'.encode(), '')])\n",
    )
    # the worker's extraction hangs once it has started the job, until the worker is killed
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "danvan",
            "shell",
            "-c",
            "import pathlib, time\n"
            "from django.core.management import call_command\n"
            "from danvan.press import services\n"
            "def hang(**kwargs):\n"
            f"    pathlib.Path({str(reached)!r}).touch()\n"
            "    time.sleep(600)\n"
            "services.analyse_bytes = hang\n"
            "call_command('db_worker', '--batch', '--no-startup-delay')\n",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not reached.exists():
            assert worker.poll() is None, "the worker exited before it reached the job"
            assert time.monotonic() < deadline, "the worker never reached the job"
            time.sleep(0.1)
        claimed = _job(db_path)
        time.sleep(HEARTBEAT * 2.5)  # the worker's thread beats meanwhile
        beating = _job(db_path)
        assert claimed[0] == beating[0] == "running"
        assert claimed[2] is not None and beating[2] is not None and beating[2] > claimed[2]
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)

    with sqlite3.connect(db_path) as db:
        (task_status,) = db.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchone()
    assert task_status == "RUNNING"  # the task backend never learns that its worker died
    assert _job(db_path)[0] == "running"
    # Not yet stale: left alone. Judged with a stale time far above a loaded machine's shell start-up
    # (under the full suite's load a shell took longer than STALE to start, and found the job stale).
    fresh_env = {**env, "DANVAN_JOB_STALE_SECONDS": "3600"}
    out = run_danvan(fresh_env, "shell", "-c", "from danvan.core import jobs\nprint(jobs.expire_all_stale())")
    assert out.split()[-1] == "0"
    time.sleep(STALE)
    out = run_danvan(env, "shell", "-c", "from danvan.core import jobs\nprint(jobs.expire_all_stale())")
    assert out.split()[-1] == "1"
    status, error, _ = _job(db_path)
    assert (status, error) == ("failed", INTERRUPTED)
