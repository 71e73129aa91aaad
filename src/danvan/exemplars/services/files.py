"""Photos and documents of an exemplar: checked by content, written to storage, removed on rollback."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from danvan.core.workflow import Refused
from danvan.exemplars.models import Exemplar, ExemplarFile, FileKind

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
DOCUMENT_TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF", "application/pdf"),
    "docx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (b"PK\x03\x04", "application/vnd.oasis.opendocument.text"),
    "doc": (b"\xd0\xcf\x11\xe0", "application/msword"),
    "xls": (b"\xd0\xcf\x11\xe0", "application/vnd.ms-excel"),
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    name: str
    content: bytes
    content_type: str


def check_photo(upload: UploadedFile) -> CheckedFile:
    """Accept only real images (decoded by Pillow), whatever the file name says."""
    name = upload.name or "anh"
    if (upload.size or 0) > MAX_PHOTO_BYTES:
        raise Refused(
            _("Ảnh “%(name)s” lớn hơn 8 MB. Hãy giảm kích thước ảnh rồi tải lên lại.") % {"name": name},
            field="photos",
        )
    content = upload.read()
    try:
        with Image.open(io.BytesIO(content)) as image:
            fmt = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise Refused(
            _("Tệp “%(name)s” không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP.")
            % {"name": name},
            field="photos",
        ) from exc
    if fmt not in PHOTO_FORMATS:
        raise Refused(
            _("Ảnh “%(name)s” có định dạng %(fmt)s; chỉ nhận JPEG, PNG, GIF hoặc WebP.")
            % {"name": name, "fmt": fmt},
            field="photos",
        )
    return CheckedFile(FileKind.PHOTO, name[:255], content, PHOTO_FORMATS[fmt])


def check_document(upload: UploadedFile) -> CheckedFile:
    name = upload.name or "tai-lieu"
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise Refused(
            _("Tài liệu “%(name)s” lớn hơn 15 MB. Hãy chia nhỏ hoặc nén lại.") % {"name": name},
            field="documents",
        )
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in DOCUMENT_TYPES:
        raise Refused(
            _("Tài liệu “%(name)s” không đúng định dạng. Chỉ nhận PDF, DOC, DOCX, XLS, XLSX hoặc ODT.")
            % {"name": name},
            field="documents",
        )
    magic, content_type = DOCUMENT_TYPES[ext]
    content = upload.read()
    if not content.startswith(magic):
        raise Refused(
            _("Nội dung tệp “%(name)s” không khớp với định dạng .%(ext)s.") % {"name": name, "ext": ext},
            field="documents",
        )
    return CheckedFile(FileKind.DOCUMENT, name[:255], content, content_type)


def check_all(photos: Sequence[UploadedFile], documents: Sequence[UploadedFile]) -> list[CheckedFile]:
    return [check_photo(p) for p in photos] + [check_document(d) for d in documents]


def store_files(exemplar: Exemplar, files: Sequence[CheckedFile], written: list[str]) -> list[ExemplarFile]:
    """Write checked files to storage; `written` collects their paths so a rollback can remove them."""
    stored = []
    for checked in files:
        digest = hashlib.sha256(checked.content).hexdigest()
        ext = checked.name.rsplit(".", 1)[-1].lower() if "." in checked.name else "bin"
        record = ExemplarFile(
            exemplar=exemplar,
            kind=checked.kind,
            original_name=checked.name,
            content_type=checked.content_type,
            size=len(checked.content),
            sha256=digest,
        )
        record.file.save(f"{digest[:32]}.{ext[:8]}", ContentFile(checked.content), save=False)
        written.append(record.file.name or "")
        record.save()
        stored.append(record)
    return stored


def discard(paths: list[str]) -> None:
    """Nothing half-saved: files written by a transaction that rolled back are removed."""
    for path in paths:
        if default_storage.exists(path):
            default_storage.delete(path)
