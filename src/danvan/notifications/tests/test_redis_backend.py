"""The Redis task backend (django-tasks-rq, DANVAN_TASKS_BACKEND=rq), tested once against the Redis at
127.0.0.1:6379: a message written to the outbox queues the sending task on Redis, an RQ worker runs it and
the e-mail reaches a real SMTP server. Skipped when that Redis is not running."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from danvan.notifications.tests.conftest import Inbox, free_port
from danvan.tests.processes import migrate, production_env, run_danvan

pytestmark = pytest.mark.slow


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_the_sending_task_runs_on_redis_through_an_rq_worker(tmp_path: Path) -> None:
    pytest.importorskip("django_tasks_rq")
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    queue_db = 9 + uuid.uuid4().int % 6  # a Redis database of its own, emptied first
    try:
        env = production_env(
            tmp_path,
            DANVAN_EMAIL_URL=f"smtp://127.0.0.1:{port}?tls=0",
            DANVAN_TASKS_BACKEND="rq",
            DANVAN_TASKS_REDIS_URL=f"redis://127.0.0.1:6379/{queue_db}",
        )
        migrate(env)
        run_danvan(
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
        run_danvan(env, "rqworker", "--burst", "--job-class", "django_tasks_rq.backend.Job", "default")
        assert inbox.received.wait(10)
        (mail,) = inbox.messages
        assert "DV-RQ" in str(mail["Subject"])
        with __import__("sqlite3").connect(tmp_path / "danvan.sqlite3") as db:
            assert list(db.execute("SELECT status FROM notifications_outbox")) == [("sent",)]
    finally:
        controller.stop()
