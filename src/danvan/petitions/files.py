"""Attachments: type checked by content (magic bytes), size limits, storage outside the web root."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from danvan.core import crypto

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


def sniff(head: bytes) -> FileType | None:
    """The real type of a file from its first bytes (never from its name)."""
    if head.startswith(b"%PDF-"):
        return FileType("application/pdf", ".pdf", "PDF")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType("image/png", ".png", "PNG")
    if head.startswith(b"\xff\xd8\xff"):
        return FileType("image/jpeg", ".jpg", "JPEG")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return FileType("image/gif", ".gif", "GIF")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileType("image/webp", ".webp", "WEBP")
    return None


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    type: FileType


def check(files: list[UploadedFile] | tuple[UploadedFile, ...]) -> tuple[list[CheckedFile], list[str]]:
    """Read and check uploads; returns the good files and Vietnamese error messages."""
    errors: list[str] = []
    good: list[CheckedFile] = []
    if len(files) > MAX_FILES:
        errors.append(f"Chỉ được đính kèm tối đa {MAX_FILES} tệp.")
        return [], errors
    for upload in files:
        name = Path(upload.name or "tep").name[:200]
        size = upload.size or 0
        if size > MAX_BYTES:
            errors.append(
                f"Tệp “{name}” quá lớn ({size / 1048576:.1f} MB): tối đa {MAX_BYTES // 1048576} MB."
            )
            continue
        upload.seek(0)
        data = upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            errors.append(f"Tệp “{name}” quá lớn: tối đa {MAX_BYTES // 1048576} MB.")
            continue
        if not data:
            errors.append(f"Tệp “{name}” rỗng.")
            continue
        kind = sniff(data[:16])
        if kind is None:
            errors.append(
                f"Tệp “{name}” không phải ảnh (JPEG, PNG, GIF, WEBP) hoặc PDF theo nội dung thực tế. "
                "Hãy chọn đúng tệp ảnh hoặc PDF."
            )
            continue
        good.append(CheckedFile(name=name, data=data, type=kind))
    return good, errors


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
