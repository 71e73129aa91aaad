"""Uploaded files checked by their content: type by magic bytes (never by name), size and count limits.

The one check of every upload of the project (petition attachments, disclosure documents and
evidence): `check(files)` returns the good files and Vietnamese messages for the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

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
