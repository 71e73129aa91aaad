"""The issue ledger: signals from petitions, dialogues, reports and the press by topic and place."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.accounts.scoping import scope_for
from danvan.conftest import client_for
from danvan.core import clock
from danvan.petitions import services as petitions
from danvan.situation import selectors, services
from danvan.situation.classify import taxonomy
from danvan.situation.models import Signal

pytestmark = pytest.mark.django_db


def _signal(n: int, source: str, unit: Any, province: Any, topic: Any, days_ago: int = 1) -> None:
    Signal.objects.create(
        source=source, source_id=n, page_id=n, code=f"X{n}", title="Nước có mùi", topic=topic, unit=unit,
        province=province, on=clock.today() - dt.timedelta(days=days_ago),
    )  # fmt: skip


def test_the_ledger_reads_signals_in_30_days_from_3_sources_and_each_opens(
    units: Any, carol: Any, topic: Any
) -> None:
    water = topic["moi_truong"]
    for n in range(1, 15):
        _signal(n, ("petition", "dialogue", "report")[n % 3], units.commune_a, units.province, water)
    _signal(99, "petition", units.commune_a, units.province, water, days_ago=45)  # older than 30 days
    _signal(100, "petition", units.commune_c, units.other_province, water)  # another province
    rows = selectors.ledger(scope_for(carol), units.province)
    assert [(r.topic, r.unit, r.n, r.sources) for r in rows] == [(water.name, units.commune_a.name, 14, 3)]
    client = client_for(carol)
    page = client.get(f"/situation/so-theo-doi/?unit={units.province.code}").content.decode()
    assert f"{water.name}, {units.commune_a.name}: 14 tín hiệu trong 30 ngày từ 3 nguồn" in page
    detail = client.get(
        f"/situation/so-theo-doi/tin-hieu/?unit={units.commune_a.code}&topic={water.pk}"
    ).content.decode()
    assert detail.count("<tr>") == 15  # the header and 14 signals


def test_an_officer_cannot_read_the_ledger_of_another_province(units: Any, carol: Any) -> None:
    assert (
        client_for(carol).get(f"/situation/so-theo-doi/?unit={units.other_province.code}").status_code == 404
    )


def test_petitions_enter_the_ledger_by_their_field_and_free_texts_by_keywords(units: Any, topic: Any) -> None:
    petitions.submit_petition(
        actor=None,
        channel="web",
        data={
            "kind": "feedback",
            "title": "Nước giếng ô nhiễm",
            "content": "Nước giếng của thôn bị ô nhiễm sau khi xưởng mở cửa, có mùi hôi.",
            "place_code": units.commune_a.code,
            "petitioner_name": "Nguyễn Văn Bình",
            "petitioner_phone": "0912345678",
        },
    )
    collected = services.collect(since=clock.today() - dt.timedelta(days=2))
    assert collected["petition"] == 1
    signal = Signal.objects.get(source="petition")
    assert signal.unit == units.commune_a and signal.province == units.province
    tax = taxonomy()
    assert tax.for_text("Bà con lo ô nhiễm nguồn nước") == topic["moi_truong"].pk
    assert tax.for_text("Không rõ chuyện gì", fallback=False) is None
    services.collect(since=clock.today() - dt.timedelta(days=2))  # again: nothing doubled
    assert Signal.objects.filter(source="petition").count() == 1


def test_the_ledger_unit_is_picked_by_name_without_diacritics_not_typed_as_a_code(
    units: Any, carol: Any
) -> None:
    from danvan.core.text import transliterate

    client = client_for(carol)
    page = client.get(f"/situation/so-theo-doi/?unit={transliterate(units.commune_a.name)}")
    assert page.status_code == 200 and page.context["unit"] == units.commune_a
    assert "Mã đơn vị" not in page.content.decode()
    assert client.get(f"/situation/so-theo-doi/?unit={units.other_province.name}").status_code == 404
