"""Disclosure documents and evidence: checked exactly like petition attachments (type by content,
size and count limits: `danvan.petitions.files.check`), stored outside the web root under
MEDIA_ROOT/democracy."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from django.conf import settings

from danvan.petitions.files import MAX_BYTES, MAX_FILES, CheckedFile, check

__all__ = ["MAX_BYTES", "MAX_FILES", "CheckedFile", "check", "read", "remove", "write"]


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "democracy"


def write(checked: CheckedFile) -> tuple[str, str]:
    """Store the bytes; returns (storage name, sha256)."""
    digest = hashlib.sha256(checked.data).hexdigest()
    storage_name = f"{secrets.token_hex(2)}/{secrets.token_hex(16)}.bin"
    path = root() / storage_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(checked.data)
    return storage_name, digest


def read(storage_name: str) -> bytes:
    return (root() / storage_name).read_bytes()


def remove(storage_name: str) -> None:
    (root() / storage_name).unlink(missing_ok=True)
