"""`danvan backup` / `danvan restore`: encrypted, restored into an EMPTY database by a separate process,
then row counts compared table by table and the audit log's hash chain verified there."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from danvan.conftest import Units
from danvan.core.models import AuditEntry
from danvan.operations import backup
from danvan.petitions import services as petition_services

PG_URL = "postgresql://postgres@127.0.0.1:5432/{name}"

PETITION = {
    "kind": "feedback",
    "title": "Đường liên thôn xuống cấp",
    "content": "Đoạn đường liên thôn dài 2 km bị sụt lún nhiều chỗ, xe máy đi lại rất nguy hiểm vào mùa mưa.",
    "petitioner_name": "Nguyễn Văn An",
    "petitioner_phone": "0912345678",
}


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update(
        DANVAN_DATA_DIR=str(data_dir),
        DANVAN_FIELD_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
        DANVAN_AUDIT_KEYS=",".join(f"{key_id}:{secret}" for key_id, secret in settings.AUDIT_KEYS),
        DJANGO_SETTINGS_MODULE="danvan.settings",
        **extra,
    )
    return env


def _danvan(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _some_records(units: Units, alice: Any) -> None:
    for i in range(3):
        petition_services.submit_petition(
            actor=alice,
            channel="desk",
            unit=units.commune_a,
            data={**PETITION, "title": f"Đơn số {i}", "place_code": units.commune_a.code},
        )


def _sqlite_counts(path: Path, tables: list[str]) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_a_backup_restores_into_an_empty_database_with_the_same_counts_and_a_valid_audit_chain(
    transactional_db: None, units: Units, fields: Any, alice: Any, tmp_path: Path
) -> None:
    _some_records(units, alice)
    source_counts = backup.table_counts()
    assert AuditEntry.objects.count() >= 3
    target = tmp_path / "backup.dvb"
    call_command("backup", str(target))
    raw = target.read_bytes()
    assert raw.startswith(backup.MAGIC)
    assert b"Nguy\xe1\xbb\x85n V\xc4\x83n An" not in raw and "Nguyễn Văn An".encode() not in raw  # encrypted

    data_dir = tmp_path / "restored"
    if connection.vendor == "sqlite":
        env = _env(data_dir)
    else:
        name = f"danvan_restore_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env = _env(data_dir, DANVAN_DATABASE_URL=PG_URL.format(name=name))
    try:
        restored = _danvan(env, "restore", str(target))
        assert restored.returncode == 0, restored.stderr
        assert "khớp" in restored.stdout
        verified = _danvan(env, "audit", "verify")
        assert verified.returncode == 0, verified.stderr
        again = _danvan(env, "restore", str(target))
        assert again.returncode != 0 and "đã có dữ liệu" in again.stderr  # never over existing data
        meta_counts = backup.read_meta(target)["counts"]
        # the backup and the restore each leave one audit row ("export", then "import")
        assert meta_counts == {**source_counts, "core_auditentry": source_counts["core_auditentry"] + 1}
        if connection.vendor == "sqlite":
            restored_counts = _sqlite_counts(data_dir / "danvan.sqlite3", list(source_counts))
            assert restored_counts == {**meta_counts, "core_auditentry": meta_counts["core_auditentry"] + 1}
    finally:
        if connection.vendor == "postgresql":
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)


def test_a_passphrase_backup_needs_the_passphrase_and_a_wrong_key_is_refused(
    transactional_db: None,
    units: Units,
    fields: Any,
    alice: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _some_records(units, alice)
    target = tmp_path / "pass.dvb"
    monkeypatch.setenv("DANVAN_BACKUP_PASSPHRASE", "cụm mật khẩu rất dài 2026")
    call_command("backup", str(target))
    assert backup.read_meta(target)["key"] == "passphrase"
    if connection.vendor != "sqlite":
        return  # the PostgreSQL restore path is covered by the test above
    # Decrypting needs the right passphrase; the right one gives back the database with its rows.
    with pytest.raises(backup.BackupError, match="Không giải mã được"):
        backup._decrypt_to(target, tmp_path / "out", "sai")
    with pytest.raises(backup.BackupError, match="DANVAN_BACKUP_PASSPHRASE"):
        backup._decrypt_to(target, tmp_path / "out", None)
    backup._decrypt_to(target, tmp_path / "out", "cụm mật khẩu rất dài 2026")
    with sqlite3.connect(tmp_path / "out") as db:
        assert db.execute("SELECT COUNT(*) FROM petitions_petition").fetchone()[0] == 3


def test_restoring_a_file_that_is_not_a_backup_fails_clearly(db: None, tmp_path: Path) -> None:
    bogus = tmp_path / "x.dvb"
    bogus.write_bytes(b"hello")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore", str(bogus))
