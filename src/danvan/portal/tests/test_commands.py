"""Commands and settings, run as a newcomer would: in a subprocess, checking exit codes and messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from danvan.tests.processes import migrate

DANVAN = [sys.executable, "-m", "danvan"]


def _env(tmp_path: Path, **env: str) -> dict[str, str]:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DANVAN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    full_env.update({"DANVAN_DATA_DIR": str(tmp_path), "DANVAN_TESTING": "1"}, **env)
    return full_env


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        DANVAN + args, capture_output=True, text=True, env=_env(tmp_path, **env), timeout=120, check=False
    )


def test_a_bad_database_url_exits_with_one_clear_line(tmp_path: Path) -> None:
    result = _run(["check"], tmp_path, DANVAN_DATABASE_URL="mysql-ish://nope")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DANVAN_DATABASE_URL" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_exits_with_one_clear_line(tmp_path: Path) -> None:
    result = _run(["migrate"], tmp_path, DANVAN_DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "cơ sở dữ liệu" in result.stderr


def test_production_mode_without_a_secret_is_an_error(tmp_path: Path) -> None:
    result = _run(["check"], tmp_path, DANVAN_MODE="production")
    assert (
        result.returncode != 0 and "DANVAN_SECRET_KEY" in result.stderr and "Traceback" not in result.stderr
    )


def test_dev_mode_generates_and_keeps_a_secret_in_the_data_folder(tmp_path: Path) -> None:
    assert _run(["check"], tmp_path).returncode == 0
    secret = (tmp_path / "secret_key").read_text()
    assert len(secret) > 40
    assert _run(["check"], tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == secret
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_check_deploy_passes_in_production_settings(tmp_path: Path) -> None:
    from cryptography.fernet import Fernet

    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DANVAN_MODE="production",
        DANVAN_SECRET_KEY="x" * 20 + "-production-secret-for-the-check-only-" + "y" * 20,
        DANVAN_FIELD_KEYS=Fernet.generate_key().decode(),
        DANVAN_AUDIT_KEYS="check:" + "c" * 64,
        DANVAN_ALLOWED_HOSTS="danvan.example.vn",
        DANVAN_EMAIL_URL="smtp://danvan:mat-khau@mail.example.vn:587",  # production sends by SMTP
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_an_unknown_unit_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    migrate(_env(tmp_path))
    result = _run(["territory", "lookup", "Atlantis"], tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Không tìm thấy" in result.stderr


@pytest.mark.django_db
def test_the_demo_command_is_idempotent_and_marks_its_data(
    settings: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from danvan.accounts.models import Organisation, User

    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    call_command("demo", "--size", "small", "--only", "accounts", verbosity=0)
    users, orgs = User.objects.count(), Organisation.objects.count()
    call_command("demo", "--size", "small", "--only", "accounts", verbosity=0)
    assert (User.objects.count(), Organisation.objects.count()) == (users, orgs)
    from danvan.accounts.demo import DEMO_ACCOUNTS

    assert User.objects.filter(is_demo=True).count() == len(DEMO_ACCOUNTS)  # the README's table, one each
    assert not Organisation.objects.filter(is_demo=False).exists()
