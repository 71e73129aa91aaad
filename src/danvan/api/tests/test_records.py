from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from danvan.api import tokens
from danvan.api.tests.conftest import bearer
from danvan.conftest import Units, client_for
from danvan.engagement.models import ReceptionSession
from danvan.reporting.models import Conference


def _records(units: Units) -> tuple[ReceptionSession, Conference]:
    reception = ReceptionSession.objects.create(
        unit=units.commune_a,
        head_role=ReceptionSession._meta.get_field("head_role").choices[0][0],  # type: ignore[index]
        date=dt.date(2026, 3, 10),
        receiver_name="Chủ tịch UBND xã",
        location="Trụ sở UBND xã",
    )
    conference = Conference.objects.create(
        unit=units.commune_a,
        kind=Conference._meta.get_field("kind").choices[0][0],  # type: ignore[index]
        title="Hội nghị sơ kết 6 tháng công tác dân vận",
        held_on=dt.date(2026, 6, 20),
    )
    return reception, conference


def test_other_modules_records_are_listed_through_the_scope(units: Units, alice: Any, bob: Any) -> None:
    reception, conference = _records(units)
    mine = client_for(alice)
    listed = mine.get("/api/v1/receptions").json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert item["title"].startswith("Tiếp công dân ngày 10/03/2026")
    assert item["unit"]["code"] == units.commune_a.code and item["date"] == "2026-03-10"
    assert mine.get(f"/api/v1/conferences/{conference.pk}").json()["title"].startswith("Hội nghị sơ kết")
    other = client_for(bob)
    assert other.get("/api/v1/receptions").json()["count"] == 0
    assert other.get(f"/api/v1/conferences/{conference.pk}").status_code == 404
    assert Client().get("/api/v1/receptions").status_code == 401


def test_a_province_token_reads_the_records_of_its_communes(units: Units) -> None:
    _records(units)
    _, raw = tokens.create_token(actor=None, name="Tỉnh", unit=units.province, scope="read")
    _, raw_c = tokens.create_token(actor=None, name="Cà Mau", unit=units.other_province, scope="read")
    for resource in (
        "receptions",
        "conferences",
        "dialogues",
        "commitments",
        "exemplars",
        "reports",
        "press-events",
    ):
        assert Client().get(f"/api/v1/{resource}", **bearer(raw)).status_code == 200
    assert Client().get("/api/v1/conferences", **bearer(raw)).json()["count"] == 1
    assert Client().get("/api/v1/conferences", **bearer(raw_c)).json()["count"] == 0
