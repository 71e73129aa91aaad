"""Lockout and rate limits are counted in a store shared by every process (issue #16 item 7).

Two separate Python processes (as two gunicorn workers would be) work on one database: exactly five
wrong passwords in total lock the account, and exactly twenty public submissions in total are accepted
before the 429. With per-process counters (the old local-memory cache) each process counted alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from danvan.tests.processes import migrate

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import json, sys
import django
django.setup()
from django.test import Client
action, count = sys.argv[1], int(sys.argv[2])
client = Client(REMOTE_ADDR="198.51.100.7")
out = []
if action == "setup":
    from danvan.accounts.models import User
    for name in ("alice", "bob"):
        User.objects.create_user(username=name, password="Mật-khẩu-thử-2025", full_name=name)
elif action in ("wrong", "right"):
    user = sys.argv[3]
    password = "Mật-khẩu-thử-2025" if action == "right" else "sai-mat-khau"
    for _ in range(count):
        r = client.post("/accounts/login/", {"username": user, "password": password})
        out.append([r.status_code, "tạm bị khóa" in r.content.decode()])
elif action == "submit":
    for _ in range(count):
        out.append(client.post("/petitions/gui-don/", {"title": "x"}).status_code)
print(json.dumps(out))
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        DANVAN_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="danvan.settings",
        PYTHONPATH=str(SRC) + os.pathsep + env.get("PYTHONPATH", ""),
        DANVAN_TESTING="1",  # plain static files (no collected manifest), intake without the journal
    )
    return env


def _process(env: dict[str, str], *args: str) -> list[object]:
    """One separate Python process: its own memory, the shared database and cache."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: list[object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("shared-limits")
    env = _env(data_dir)
    migrate(env)
    _process(env, "setup", "0")
    return env


def test_five_wrong_passwords_across_two_processes_lock_the_account_and_four_do_not(
    site: dict[str, str],
) -> None:
    first = _process(site, "wrong", "3", "alice")
    second = _process(site, "wrong", "2", "alice")
    assert [locked for _, locked in first] == [False, False, False]
    assert second[-1] == [429, True]  # the fifth failure, counted across both processes, locks
    assert _process(site, "right", "1", "alice") == [[429, True]]  # even the right password, elsewhere
    # Four failures in total (two per process) do not lock: the right password still works.
    _process(site, "wrong", "2", "bob")
    _process(site, "wrong", "2", "bob")
    assert _process(site, "right", "1", "bob") == [[302, False]]


def test_twenty_public_submissions_across_two_processes_then_429(site: dict[str, str]) -> None:
    first = _process(site, "submit", "12")
    second = _process(site, "submit", "9")
    assert 429 not in first
    assert second[:8] == [400] * 8 and second[8] == 429
    assert _process(site, "submit", "1") == [429]
