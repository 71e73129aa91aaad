"""Fixtures for the petitions tests: valid submission data and files kept in a temporary media folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from danvan.conftest import Units

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A land-administration complaint the classifier and the duplicate engine both recognise.
LAND = dict(
    title="Chậm cấp giấy chứng nhận quyền sử dụng đất",
    content="Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất thửa số 215 tờ bản đồ số 8 "
    "từ tháng 3 năm 2023 nhưng đến nay Ủy ban nhân dân xã vẫn chưa giải quyết, không có văn bản trả lời.",
)


@pytest.fixture
def asynchronous(settings: Any) -> None:
    settings.PETITIONS_ENRICH_SYNC = False


@pytest.fixture(autouse=True)
def _media_and_cache(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def petition_data(units: Units, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "feedback",
        "title": "Đường liên thôn bị sụt lún",
        "content": "Đoạn đường bê tông liên thôn dài 2 km bị sụt lún, nhiều ổ gà, mùa mưa đi lại rất nguy hiểm.",
        "place_code": units.commune_a.code,
        "petitioner_name": "Nguyễn Văn Bình",
        "petitioner_phone": "0912345678",
        "petitioner_address": "Thôn 3",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def make_data(units: Units) -> Callable[..., dict[str, Any]]:
    return lambda **overrides: petition_data(units, **overrides)


def denunciation_data(
    make_data: Callable[..., dict[str, Any]], name: str, **overrides: Any
) -> dict[str, Any]:
    """A denunciation by `name` that names the accused and the act, and names its author in the text."""
    return make_data(
        kind="denunciation",
        petitioner_name=name,
        accused="Ông Lê Văn Tham, cán bộ tư pháp",
        accused_act="Nhận hối lộ khi chứng thực hồ sơ",
        content=f"Tôi là {name}, tôi tố cáo ông Tham nhận tiền khi chứng thực hồ sơ cho người dân trong xã.",
        field="khac",
        **overrides,
    )
