"""Every log line carries Vietnam time with its offset, whatever the machine's TZ says."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from danvan.core.logs import LocalTimeFormatter

PROJECT = Path(__file__).resolve().parents[4]


def test_a_log_line_written_at_18h05_utc_reads_01h05_the_next_day_in_vietnam_time() -> None:
    record = logging.LogRecord("danvan", logging.INFO, __file__, 1, "đã nhận đơn", None, None)
    record.created = 1796234700.0  # 2026-12-02T18:05:00Z
    line = LocalTimeFormatter("%(asctime)s %(message)s").format(record)
    assert line == "2026-12-03T01:05:00.000+07:00 đã nhận đơn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_gunicorns_error_and_access_logs_agree_on_vietnam_time_under_a_far_away_tz(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "TZ": "America/Los_Angeles", "DANVAN_DATA_DIR": str(tmp_path)}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    args = [str(gunicorn), "-c", "gunicorn.conf.py", "danvan.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    out, err = tmp_path / "access.log", tmp_path / "error.log"
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen(
            [*args, "--workers", "1", "--access-logfile", "-"],
            cwd=PROJECT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                        break
                except OSError:
                    time.sleep(0.3)
            time.sleep(0.5)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    error_lines = [line for line in err.read_text().splitlines() if "Listening at" in line]
    access_lines = [line for line in out.read_text().splitlines() if "/healthz" in line]
    assert error_lines and access_lines, (err.read_text(), out.read_text())
    assert error_lines[0].split(" ", 1)[0].endswith("+07:00")
    assert access_lines[0].split(" ", 1)[0].endswith("+07:00")
