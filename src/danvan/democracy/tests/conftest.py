"""Fixtures for the democracy tests: files in a temporary media folder, a village with households."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_and_cache(settings: Any, tmp_path: Any, db: None) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the shared cache (rate limits) is a database table


def pdf(name: str = "van-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name: str = "niem-yet.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def village(units: Any, root: Any) -> Any:
    from danvan.democracy import services

    v = services.register_village(actor=root, unit=units.commune_a, code="T01", name="Thôn Nà Sla")
    for i in range(1, 11):
        services.register_household(
            actor=root, unit=units.commune_a, village=v, code=f"H{i:03d}", representative=f"Nguyễn Văn {i}"
        )
    return v
