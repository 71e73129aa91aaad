"""Notifications: what writing the outbox adds to a state change, and how fast one worker sends e-mail.

1. Enqueue cost: petitions are accepted (`petitions.services.accept`, the whole move through the workflow
   kit) alternately with and without the citizen's consent to be notified. With consent the move also writes
   an e-mail and an SMS outbox row (the hook, `notifications.services.enqueue`) and, after commit, queues the
   sending task (a row of django-tasks-db). Figure: median of (with − without), ms per move (target < 1 ms).
2. Sending: MESSAGES e-mails in the outbox, sent by one worker (`notifications.sending.send_due`, the task's
   body) to a local SMTP server (aiosmtpd's sink in its own process). Figure: e-mails/s (target ≥ 50), and
   as the baseline of the same run a bare smtplib loop: one SMTP session, each message (subject, text and
   HTML alternative) built with the standard library and sent, no database, no templates. (Until
   03/12/2026 the baseline was Django's mailer, whose message building on the `email` package's modern
   policy cost more than the SMTP exchange: it measured 25/s.)

Sizes: NOTIFICATIONS_BENCH_MOVES (300) and NOTIFICATIONS_BENCH_MESSAGES (2000).

    python bench/bench_notifications.py --child sqlite|postgres
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MOVES = int(os.environ.get("NOTIFICATIONS_BENCH_MOVES", "300"))
MESSAGES = int(os.environ.get("NOTIFICATIONS_BENCH_MESSAGES", "2000"))
PG_NAME = "danvan_bench_notifications"
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_pg_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_NAME,)).fetchone():
            conn.execute(f'DROP DATABASE "{PG_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def child(backend: str) -> dict[str, Any]:
    data_dir = HERE / "data" / f"notifications-{backend}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    port = _free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    os.environ["DANVAN_EMAIL_URL"] = f"smtp://127.0.0.1:{port}?tls=0"
    os.environ["DANVAN_SMS_URL"] = f"file://{data_dir / 'sms'}"
    database_url = None
    if backend == "postgres":
        ensure_pg_database()
        database_url = PG_URL
    from common import setup_django

    setup_django(data_dir, database_url)
    try:
        return _measure()
    finally:
        sink.terminate()
        sink.wait(10)


def _measure() -> dict[str, Any]:
    from django.db import connection

    from danvan.accounts.models import RoleAssignment, User
    from danvan.notifications import sending, services
    from danvan.notifications.models import Outbox
    from danvan.petitions import services as petitions
    from danvan.territory.models import AdminUnit, Level

    commune = (
        AdminUnit.objects.filter(level=Level.COMMUNE, path__startswith="VN/20/").order_by("code").first()
    )
    assert commune is not None
    officer = User.objects.create_user(username="bench-officer", password="x", full_name="Bench")
    RoleAssignment.objects.create(user=officer, unit=commune, role="officer")

    def submit(consent: bool) -> Any:
        data = {
            "kind": "feedback",
            "title": "Đường liên thôn bị sụt lún",
            "content": "Đoạn đường bê tông liên thôn dài 2 km bị sụt lún, nhiều ổ gà, mùa mưa đi lại rất nguy hiểm.",
            "place_code": commune.code,
            "petitioner_name": "Nguyễn Văn Bình",
            "petitioner_phone": "0912345678",
            "petitioner_email": "binh@example.vn",
        }
        if consent:
            data["notify_consent"] = "on"
        return petitions.submit_petition(actor=officer, channel="desk", data=data, unit=commune)

    pairs = [(submit(True), submit(False)) for _ in range(MOVES)]
    sending.send_due()  # the receipts
    with_ms: list[float] = []
    without_ms: list[float] = []
    for n, (told, bare) in enumerate(pairs):
        order = [(told, with_ms), (bare, without_ms)] if n % 2 else [(bare, without_ms), (told, with_ms)]
        for petition, into in order:
            started = time.perf_counter()
            petitions.accept(actor=officer, petition=petition)
            into.append((time.perf_counter() - started) * 1000)
    queued = Outbox.objects.filter(status="pending").count()
    assert queued == 2 * MOVES, queued
    sending.send_due()

    rows = [
        services.Message(
            "email", f"citizen{n}@example.vn", "petition_accepted", {"code": f"DV-{n}", "unit": "X"}
        )
        for n in range(MESSAGES)
    ]
    for start in range(0, MESSAGES, 500):
        services.enqueue(rows[start : start + 500])
    started = time.perf_counter()
    result = sending.send_due()
    elapsed = time.perf_counter() - started
    assert result.sent == MESSAGES, result

    # Baseline in the same run: a bare smtplib loop over one SMTP session to the same server, no outbox.
    import smtplib
    from email.header import Header
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.policy import compat32

    smtp_policy = compat32.clone(linesep="\r\n")

    host, port = os.environ["DANVAN_EMAIL_URL"].split("://", 1)[1].split("?", 1)[0].split(":")
    started = time.perf_counter()
    with smtplib.SMTP(host, int(port)) as session:
        for n in range(MESSAGES):
            mail = MIMEMultipart("alternative")
            mail["Subject"] = Header("Hồ sơ DV-1 đã được thụ lý", "utf-8")
            mail["From"] = "khong-tra-loi@localhost"
            mail["To"] = f"c{n}@example.vn"
            mail.attach(MIMEText("Nội dung thử " * 20, "plain", "utf-8"))
            mail.attach(MIMEText("<p>Nội dung thử</p>", "html", "utf-8"))
            session.sendmail(
                "khong-tra-loi@localhost", [f"c{n}@example.vn"], mail.as_bytes(policy=smtp_policy)
            )
    bare_elapsed = time.perf_counter() - started
    return {
        "vendor": connection.vendor,
        "move_bare_ms": round(statistics.median(without_ms), 3),
        "move_notified_ms": round(statistics.median(with_ms), 3),
        "enqueue_added_ms": round(statistics.median(with_ms) - statistics.median(without_ms), 3),
        "emails_per_s": round(MESSAGES / elapsed, 1),
        "bare_smtp_per_s": round(MESSAGES / bare_elapsed, 1),
        "moves": MOVES,
        "messages": MESSAGES,
    }


def run(ctx: Any) -> dict[str, object]:
    from common import child_json

    out: dict[str, object] = {}
    backends = [b for b in os.environ.get("NOTIFICATIONS_BENCH_BACKENDS", "sqlite,postgres").split(",") if b]
    for backend in backends:
        result = child_json(__file__, "--child", backend, label=f"notifications ({backend})")
        for key in (
            "move_bare_ms",
            "move_notified_ms",
            "enqueue_added_ms",
            "emails_per_s",
            "bare_smtp_per_s",
        ):
            out[f"notifications.{key}_{backend}"] = result[key]
        out["notifications.n_moves"] = result["moves"]
        out["notifications.n_messages"] = result["messages"]
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2]), default=str))
    else:
        from common import BenchContext

        print(json.dumps(run(BenchContext(root=HERE.parent, work=HERE / "data")), indent=2))
