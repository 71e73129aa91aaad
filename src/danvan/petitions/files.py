"""Attachments: type checked by content (magic bytes), size limits, storage outside the web root."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings

from danvan.core import crypto
from danvan.core.uploads import MAX_BYTES, MAX_FILES, CheckedFile, FileType, check, sniff

__all__ = [
    "MAX_BYTES",
    "MAX_FILES",
    "CheckedFile",
    "FileType",
    "check",
    "read",
    "remove",
    "root",
    "sniff",
    "write",
]


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "petitions"


def write(checked: CheckedFile, *, encrypt: bool) -> tuple[str, str]:
    """Store the bytes (encrypted when asked); returns (storage name, sha256 of the plain bytes)."""
    digest = hashlib.sha256(checked.data).hexdigest()
    storage_name = f"{secrets.token_hex(2)}/{secrets.token_hex(16)}{'.enc' if encrypt else '.bin'}"
    path = root() / storage_name
    _private_folder(path.parent)
    # 0600 whatever the process's umask: the file holds a citizen's documents.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(crypto.encrypt_bytes(checked.data) if encrypt else checked.data)
    return storage_name, digest


def _private_folder(folder: Path) -> None:
    """Create `folder` and the missing folders above it up to the media root with mode 0700."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)


def read(storage_name: str, *, encrypted: bool) -> bytes:
    data = (root() / storage_name).read_bytes()
    return crypto.decrypt_bytes(data) if encrypted else data


def remove(storage_name: str) -> None:
    (root() / storage_name).unlink(missing_ok=True)


def rewrite_encrypted(storage_name: str) -> None:
    """Re-encrypt a stored file with the newest key (key rotation)."""
    path = root() / storage_name
    path.write_bytes(crypto.encrypt_bytes(crypto.decrypt_bytes(path.read_bytes())))
