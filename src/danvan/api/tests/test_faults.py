"""Faults: the production server killed with SIGKILL in the middle of a load of submissions, and the
PostgreSQL server restarted in the middle of one. Afterwards every submission that got a receipt is
stored, none is stored twice, and the audit log's hash chain is intact.

Clients behave like well-made API clients: each submission carries an `Idempotency-Key`, and a
submission whose answer was lost (connection refused or reset, 5xx) is sent again with the same key.

Both take about a minute, so they run when asked: DANVAN_FAULTS=1 for the SIGKILL test; the
PostgreSQL restart disturbs everyone using that server, so it runs only with DANVAN_FAULT_PG_RESTART=1
(see the README).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from danvan.tests.processes import migrate, production_env, run_danvan

pytestmark = pytest.mark.slow

CLIENTS = 4
PER_CLIENT = 12
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/{name}"


@dataclass
class Site:
    data_dir: Path
    env: dict[str, str]
    token: str
    commune_code: str
    database_url: str | None = None


@dataclass
class Outcome:
    receipts: dict[str, str] = field(default_factory=dict)  # idempotency key -> tracking code
    unanswered: list[str] = field(default_factory=list)
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _site(tmp: Path, database_url: str | None = None) -> Site:
    env = production_env(tmp, DANVAN_ALLOWED_HOSTS="127.0.0.1", DANVAN_DB_CONN_MAX_AGE="60")
    if database_url:
        env["DANVAN_DATABASE_URL"] = database_url
    migrate(env)
    run_danvan(env, "territory", "load")
    token = run_danvan(
        env, "api", "token", "create", "--unit", "20", "--scope", "write", "--name", "faults"
    ).strip()
    return Site(data_dir=tmp, env=env, token=token, commune_code="", database_url=database_url)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(site: Site, port: int) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "danvan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--log-level",
            "error",
        ],
        env=site.env,
        start_new_session=True,  # its own process group: SIGKILL reaches the master and the workers
    )
    try:
        _wait(port)
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def _wait(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not start")


def _submit_all(site: Site, port: int, client: int, outcome: Outcome, commune: str) -> None:
    for n in range(PER_CLIENT):
        key = f"fault-{client}-{n}-{uuid.uuid4().hex[:8]}"
        body = json.dumps(
            {
                "kind": "feedback",
                "title": f"Phản ánh thử lỗi {key}",
                "content": f"Nội dung phản ánh để thử khả năng chịu lỗi của máy chủ, mã {key}.",
                "place_code": commune,
                "petitioner_name": "Người thử",
            },
            ensure_ascii=False,
        ).encode()
        headers = {
            "Authorization": f"Bearer {site.token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        }
        deadline = time.monotonic() + 90
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
                conn.request("POST", "/api/v1/petitions", body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                conn.close()
                if response.status in (200, 201):
                    with outcome.lock:
                        outcome.receipts[key] = json.loads(payload)["tracking_code"]
                    break
                assert response.status >= 500, payload[:500]  # 4xx would be a bug in this test
            except (OSError, http.client.HTTPException):
                pass
            with outcome.lock:
                outcome.retries += 1
            if time.monotonic() > deadline:
                with outcome.lock:
                    outcome.unanswered.append(key)
                break
            time.sleep(0.3)


def _load(site: Site, port: int, commune: str, fault: Any) -> Outcome:
    outcome = Outcome()
    threads = [
        threading.Thread(target=_submit_all, args=(site, port, c, outcome, commune)) for c in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    while len(outcome.receipts) < CLIENTS * 2:  # the fault strikes in the middle of the load
        time.sleep(0.05)
    fault()
    for t in threads:
        t.join()
    return outcome


def _stored(site: Site) -> list[tuple[str, str]]:
    if site.database_url is None:
        with sqlite3.connect(site.data_dir / "danvan.sqlite3") as db:
            return list(db.execute("SELECT tracking_code, title FROM petitions_petition"))
    import psycopg

    with psycopg.connect(site.database_url) as db:
        return list(db.execute("SELECT tracking_code, title FROM petitions_petition").fetchall())


def _check(site: Site, outcome: Outcome) -> None:
    assert outcome.unanswered == []
    assert len(outcome.receipts) == CLIENTS * PER_CLIENT
    rows = _stored(site)
    by_key: dict[str, list[str]] = {}
    for code, title in rows:
        by_key.setdefault(title.rsplit(" ", 1)[-1], []).append(code)
    for key, code in outcome.receipts.items():
        assert by_key.get(key) == [code], f"{key}: receipt {code}, stored {by_key.get(key)}"
    assert len(rows) == len(outcome.receipts)  # nothing stored twice, nothing without a receipt
    assert "toàn vẹn" in run_danvan(site.env, "audit", "verify")


def _commune(site: Site) -> str:
    out = run_danvan(
        site.env,
        "shell",
        "-c",
        "from danvan.territory.models import AdminUnit; "
        "print(AdminUnit.objects.filter(parent__code='20').order_by('code').first().code)",
    )
    return out.strip().splitlines()[-1]


@pytest.mark.skipif(
    os.environ.get("DANVAN_FAULTS") != "1" and os.environ.get("DANVAN_FAULT_PG_RESTART") != "1",
    reason="about a minute of server restarts: set DANVAN_FAULTS=1 to run it (see the README)",
)
def test_killing_the_server_with_sigkill_mid_load_loses_no_receipt_and_stores_nothing_twice(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    commune = _commune(site)
    port = _free_port()
    state: dict[str, Any] = {}
    server = _server(site, port)
    state["proc"] = server.__enter__()

    def kill_and_restart() -> None:
        os.killpg(state["proc"].pid, signal.SIGKILL)
        state["proc"].wait(timeout=30)
        time.sleep(1.0)
        state["server2"] = _server(site, port)
        state["proc2"] = state["server2"].__enter__()

    try:
        outcome = _load(site, port, commune, kill_and_restart)
    finally:
        if "server2" in state:
            state["server2"].__exit__(None, None, None)
        if state["proc"].poll() is None:
            server.__exit__(None, None, None)
    assert state["proc"].returncode == -signal.SIGKILL
    assert outcome.retries > 0  # clients did hit the dead server
    _check(site, outcome)


@pytest.mark.skipif(
    os.environ.get("DANVAN_FAULT_PG_RESTART") != "1",
    reason="restarts the shared PostgreSQL server: set DANVAN_FAULT_PG_RESTART=1 to run it",
)
def test_restarting_postgresql_mid_load_loses_no_receipt_and_stores_nothing_twice(tmp_path: Path) -> None:
    name = f"danvan_faults_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    try:
        site = _site(tmp_path, PG_ADMIN.format(name=name))
        commune = _commune(site)
        port = _free_port()
        cluster = sorted(os.listdir("/etc/postgresql"))[-1]

        def restart_postgres() -> None:
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],
                check=True,
                timeout=120,
            )

        with _server(site, port):
            outcome = _load(site, port, commune, restart_postgres)
        _check(site, outcome)
        assert outcome.retries > 0 or len(outcome.receipts) == CLIENTS * PER_CLIENT
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)
