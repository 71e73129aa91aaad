"""A sending worker killed with SIGKILL in the middle of an SMTP conversation: afterwards every message is
delivered, none twice (counted by Message-ID at a real SMTP server), and the messages it had already sent
are not sent again. Runs with DANVAN_FAULTS=1 (as the intake fault test; `make pytest` sets it)."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from danvan.notifications.tests.conftest import Inbox, free_port
from danvan.tests.processes import migrate, production_env, run_danvan

pytestmark = pytest.mark.slow

MESSAGES = 12
STALL_AT = 4  # the 4th message's conversation hangs until the worker is killed


class StallingInbox(Inbox):
    def __init__(self) -> None:
        super().__init__()
        self.rcpts = 0
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        self.rcpts += 1
        if self.rcpts == STALL_AT:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def _env(tmp: Path, port: int) -> dict[str, str]:
    return production_env(
        tmp, DANVAN_EMAIL_URL=f"smtp://127.0.0.1:{port}?tls=0&timeout=60", DANVAN_NOTIFY_LEASE_SECONDS="2"
    )


@pytest.mark.skipif(
    os.environ.get("DANVAN_FAULTS") != "1", reason="set DANVAN_FAULTS=1 to run it (see the README)"
)
def test_a_worker_killed_mid_send_loses_no_message_and_sends_none_twice(tmp_path: Path) -> None:
    inbox = StallingInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = _env(tmp_path, port)
        migrate(env)
        run_danvan(
            env,
            "shell",
            "-c",
            "from danvan.notifications import services as s\n"
            f"s.enqueue([s.Message('email', f'citizen{{n}}@example.vn', 'petition_received', {{'code': f'DV-{{n}}'}}) "
            f"for n in range({MESSAGES})])",
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "danvan", "notifications", "send", "--batch", "5"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert inbox.stalled.wait(60), "the worker never reached the stalled message"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        inbox.release.set()
        with sqlite3.connect(tmp_path / "danvan.sqlite3") as db:
            states = Counter(status for (status,) in db.execute("SELECT status FROM notifications_outbox"))
        assert states == {"sent": STALL_AT - 1, "sending": 5 - (STALL_AT - 1), "pending": MESSAGES - 5}
        time.sleep(2.5)  # the killed worker's lease runs out
        out = run_danvan(env, "notifications", "send")
        assert f"Đã gửi {MESSAGES - (STALL_AT - 1)}," in out
        with sqlite3.connect(tmp_path / "danvan.sqlite3") as db:
            rows = list(db.execute("SELECT id, status FROM notifications_outbox ORDER BY id"))
        assert {status for _, status in rows} == {"sent"} and len(rows) == MESSAGES
        ids = Counter(str(m["Message-ID"]) for m in inbox.messages)
        assert len(ids) == MESSAGES and set(ids.values()) == {1}, ids
        assert {f"<outbox-{pk}@127.0.0.1>" for pk, _ in rows} == set(ids)
    finally:
        inbox.release.set()
        controller.stop()
