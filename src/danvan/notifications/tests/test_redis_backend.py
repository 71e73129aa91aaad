"""The Redis task backend (django-tasks-rq, DANVAN_TASKS_BACKEND=rq), tested once against the Redis at
127.0.0.1:6379: a message written to the outbox queues the sending task on Redis, an RQ worker runs it and
the e-mail reaches a real SMTP server. Skipped when that Redis is not running."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from cryptography.fernet import Fernet

from danvan.notifications.tests.conftest import Inbox, free_port

pytestmark = pytest.mark.slow


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _danvan(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "danvan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_the_sending_task_runs_on_redis_through_an_rq_worker(tmp_path: Path) -> None:
    pytest.importorskip("django_tasks_rq")
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    queue_db = 9 + uuid.uuid4().int % 6  # a Redis database of its own, emptied first
    try:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("DANVAN_") and k != "DJANGO_SETTINGS_MODULE"
        }
        env.update(
            DANVAN_DATA_DIR=str(tmp_path),
            DANVAN_MODE="production",
            DANVAN_SECRET_KEY="rq-" + uuid.uuid4().hex * 2,
            DANVAN_FIELD_KEYS=Fernet.generate_key().decode(),
            DANVAN_AUDIT_KEYS="rq:" + uuid.uuid4().hex * 2,
            DANVAN_SSL_REDIRECT="0",
            DANVAN_EMAIL_URL=f"smtp://127.0.0.1:{port}?tls=0",
            DANVAN_TASKS_BACKEND="rq",
            DANVAN_TASKS_REDIS_URL=f"redis://127.0.0.1:6379/{queue_db}",
        )
        _danvan(env, "migrate", "--noinput", "-v", "0")
        _danvan(
            env,
            "shell",
            "-c",
            "import django_rq\n"
            "django_rq.get_connection('default').flushdb()\n"
            "from django.db import transaction\n"
            "from danvan.notifications import services as s\n"
            "with transaction.atomic():\n"
            "    s.enqueue([s.Message('email', 'binh@example.vn', 'petition_received', {'code': 'DV-RQ'})])\n"
            "print(django_rq.get_queue('default').count)",
        )
        assert inbox.messages == []  # queued on Redis, not sent yet
        _danvan(env, "rqworker", "--burst", "--job-class", "django_tasks_rq.backend.Job", "default")
        assert inbox.received.wait(10)
        (mail,) = inbox.messages
        assert "DV-RQ" in str(mail["Subject"])
        with __import__("sqlite3").connect(tmp_path / "danvan.sqlite3") as db:
            assert list(db.execute("SELECT status FROM notifications_outbox")) == [("sent",)]
    finally:
        controller.stop()
