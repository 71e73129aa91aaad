"""Disclosure documents and evidence: checked like petition attachments (`danvan.core.uploads.check`:
type by content, size and count limits), stored outside the web root under MEDIA_ROOT/democracy,
files 0600 in folders 0700."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings

from danvan.core.uploads import MAX_BYTES, MAX_FILES, CheckedFile, check

__all__ = ["MAX_BYTES", "MAX_FILES", "CheckedFile", "check", "private_folder", "read", "remove", "write"]


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "democracy"


def private_folder(folder: Path) -> None:
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)


def write(checked: CheckedFile) -> tuple[str, str]:
    """Store the bytes (mode 0600); returns (storage name, sha256)."""
    digest = hashlib.sha256(checked.data).hexdigest()
    storage_name = f"{secrets.token_hex(2)}/{secrets.token_hex(16)}.bin"
    path = root() / storage_name
    private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(checked.data)
    return storage_name, digest


def read(storage_name: str) -> bytes:
    return (root() / storage_name).read_bytes()


def remove(storage_name: str) -> None:
    (root() / storage_name).unlink(missing_ok=True)
