"""Encrypted backups: SQLite through the online backup API, PostgreSQL through pg_dump / pg_restore.

File format (`DANVAN-BACKUP 1`): a header line, one JSON line of metadata (database vendor, key mode,
scrypt salt, row counts per table, audit-chain head), then Fernet-encrypted chunks, each preceded by its
length as 8 ASCII hex digits. The key is the newest field-encryption key (DANVAN_FIELD_KEYS), or a key
derived with scrypt from a passphrase in an environment variable (default DANVAN_BACKUP_PASSPHRASE).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from danvan.core import audit
from danvan.core.models import AuditAction, AuditChainHead

MAGIC = b"DANVAN-BACKUP 1\n"
CHUNK = 8 * 1024 * 1024
PASSPHRASE_ENV = "DANVAN_BACKUP_PASSPHRASE"


class BackupError(Exception):
    """A clear Vietnamese message for the operator."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    vendor: str
    counts: dict[str, int]
    size: int


def _fernet(meta: dict[str, Any], passphrase: str | None) -> Fernet:
    if meta["key"] == "passphrase":
        if not passphrase:
            raise BackupError(
                f"Bản sao lưu được mã hóa bằng mật khẩu: hãy đặt biến môi trường {PASSPHRASE_ENV}."
            )
        salt = base64.b64decode(meta["salt"])
        key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
        return Fernet(base64.urlsafe_b64encode(key))
    keys = [k for k in settings.FIELD_ENCRYPTION_KEYS if k]
    if not keys:
        raise BackupError("Không có khóa mã hóa (DANVAN_FIELD_KEYS).")
    return Fernet(keys[0].encode())


def table_counts() -> dict[str, int]:
    """Rows per model table (the comparison made after a restore)."""
    counts: dict[str, int] = {}
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in existing and table not in counts and model._meta.managed:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the models
                counts[table] = int(cursor.fetchone()[0])
    return counts


def _audit_head() -> dict[str, Any]:
    head = AuditChainHead.objects.filter(pk=1).first()
    return {"last_hash": head.last_hash, "count": head.count} if head else {"last_hash": "", "count": 0}


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": str(connection.settings_dict["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _dump(target: Path) -> str:
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError(
                "Không sao lưu được trong một giao dịch đang mở: hãy chạy lệnh riêng `danvan backup`."
            )
        connection.ensure_connection()
        raw = connection.connection
        dst = sqlite3.connect(str(target))
        try:
            raw.backup(dst)  # the online backup API: consistent while others keep writing
        finally:
            dst.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        result = subprocess.run(  # noqa: S603
            [shutil.which("pg_dump") or "pg_dump", "--format=custom", "--no-owner", "--file", str(target)],
            env=_pg_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump thất bại: {result.stderr.strip()[:500]}")
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while True:
        block = handle.read(CHUNK)
        if not block:
            return
        yield block


def backup(path: Path, *, passphrase: str | None = None) -> BackupInfo:
    path = Path(path)
    audit.record(
        actor=None,
        action=AuditAction.EXPORT,
        object_type="database",
        summary="Sao lưu toàn bộ cơ sở dữ liệu (tệp mã hóa)",
        changes={"file": path.name, "key": "passphrase" if passphrase else "field_key"},
    )
    meta: dict[str, Any] = {
        "created_at": timezone.now().isoformat(),
        "key": "passphrase" if passphrase else "field_key",
        "counts": table_counts(),
        "audit": _audit_head(),
    }
    if passphrase:
        meta["salt"] = base64.b64encode(os.urandom(16)).decode()
    fernet = _fernet(meta, passphrase)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="danvan-backup-") as tmp:
        dump = Path(tmp) / "dump"
        meta["vendor"] = _dump(dump)
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, dump.open("rb") as src:
            out.write(MAGIC)
            out.write(json.dumps(meta, ensure_ascii=False).encode("utf-8") + b"\n")
            for block in _chunks(src):
                token = fernet.encrypt(block)
                out.write(f"{len(token):08x}".encode() + token)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)  # never a half-written backup under the final name
    return BackupInfo(path=path, vendor=meta["vendor"], counts=meta["counts"], size=path.stat().st_size)


def read_meta(path: Path) -> dict[str, Any]:
    with Path(path).open("rb") as handle:
        if handle.readline() != MAGIC:
            raise BackupError("Tệp không phải bản sao lưu Dân Vận (sai định dạng).")
        meta: dict[str, Any] = json.loads(handle.readline().decode("utf-8"))
        return meta


def _decrypt_to(path: Path, target: Path, passphrase: str | None) -> dict[str, Any]:
    with Path(path).open("rb") as handle:
        if handle.readline() != MAGIC:
            raise BackupError("Tệp không phải bản sao lưu Dân Vận (sai định dạng).")
        meta: dict[str, Any] = json.loads(handle.readline().decode("utf-8"))
        fernet = _fernet(meta, passphrase)
        with target.open("wb") as out:
            while True:
                head = handle.read(8)
                if not head:
                    break
                try:
                    size = int(head, 16)
                    out.write(fernet.decrypt(handle.read(size)))
                except (ValueError, InvalidToken) as exc:
                    raise BackupError(
                        "Không giải mã được bản sao lưu: sai khóa, sai mật khẩu hoặc tệp bị hỏng."
                    ) from exc
    return meta


def _is_empty() -> bool:
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_auditentry") if "core_auditentry" in tables else None
        return "core_auditentry" not in tables or int(cursor.fetchone()[0]) == 0


def restore(path: Path, *, passphrase: str | None = None, force: bool = False) -> dict[str, Any]:
    meta = read_meta(path)
    if meta.get("vendor") != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của {meta.get('vendor')} không khôi phục được vào {connection.vendor}."
        )
    if not force and not _is_empty():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có dữ liệu: hãy khôi phục vào cơ sở dữ liệu trống (hoặc dùng --force)."
        )
    with tempfile.TemporaryDirectory(prefix="danvan-restore-") as tmp:
        dump = Path(tmp) / "dump"
        meta = _decrypt_to(path, dump, passphrase)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            src = sqlite3.connect(str(dump))
            try:
                src.backup(connection.connection)
            finally:
                src.close()
        else:
            args = [
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                str(connection.settings_dict["NAME"]),
            ]
            if force:
                args[:0] = ["--clean", "--if-exists"]
            connections.close_all()
            result = subprocess.run(  # noqa: S603
                [shutil.which("pg_restore") or "pg_restore", *args, str(dump)],
                env=_pg_env(),
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore thất bại: {result.stderr.strip()[:500]}")
    connections.close_all()
    return meta
