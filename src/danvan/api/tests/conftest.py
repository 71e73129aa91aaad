from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api import tokens
from danvan.conftest import Units


@pytest.fixture
def fields(db: None) -> list[Any]:
    """The field taxonomy (seeded by the petitions migrations)."""
    from danvan.petitions.models import Field

    for order, (code, name) in enumerate(
        [
            ("dat_dai", "Đất đai"),
            ("moi_truong", "Môi trường"),
            ("ha_tang_giao_thong", "Hạ tầng, giao thông"),
            ("khac", "Khác"),
        ]
    ):
        Field.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    return list(Field.objects.filter(is_active=True).order_by("order", "name"))


@pytest.fixture
def write_token(units: Units) -> tuple[Any, str]:
    return tokens.create_token(actor=None, name="Ứng dụng tỉnh", unit=units.province, scope="write")


@pytest.fixture
def read_token_b(units: Units) -> tuple[Any, str]:
    return tokens.create_token(actor=None, name="Phân tích xã B", unit=units.commune_b, scope="read")


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


PETITION = {
    "kind": "feedback",
    "title": "Đường liên thôn xuống cấp",
    "content": "Đoạn đường liên thôn dài 2 km bị sụt lún nhiều chỗ, xe máy đi lại rất nguy hiểm vào mùa mưa.",
    "petitioner_name": "Nguyễn Văn An",
    "petitioner_phone": "0912345678",
}


def post_json(client: Client, url: str, data: Any, **extra: Any) -> Any:
    import json

    return client.post(url, json.dumps(data, ensure_ascii=False), content_type="application/json", **extra)
