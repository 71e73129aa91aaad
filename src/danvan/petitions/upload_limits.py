"""The size limit of an import file, checked by the upload form before anything is parsed and by the import."""

from __future__ import annotations

from django.conf import settings


def max_bytes() -> int:
    return settings.PETITIONS_IMPORT_MAX_BYTES


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} KB"


def size_error(size: int) -> str:
    return (
        f"Tệp quá lớn ({_human(size)}): mỗi lần nhập tối đa {_human(max_bytes())}. "
        "Hãy chia tệp thành nhiều phần nhỏ hơn rồi nhập từng phần."
    )
