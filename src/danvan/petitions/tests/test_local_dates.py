"""A petition received at 01:05 Vietnam time (18:05 UTC the day before) carries the Vietnamese day
everywhere it leaves the platform: the officer's page, the CSV export, the REST API and Open311."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from danvan.api import tokens
from danvan.conftest import client_for
from danvan.petitions import services

pytestmark = pytest.mark.django_db

AT_01H05 = dt.datetime(2026, 12, 3, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def received_at_01h05(make_data):
    with time_machine.travel(AT_01H05, tick=False):
        return services.submit_petition(actor=None, channel="web", data=make_data(title="Đơn lúc 1 giờ sáng"))


def test_the_csv_export_writes_the_received_date_the_screen_shows(received_at_01h05, alice):
    officer = client_for(alice)
    page = officer.get(f"/petitions/{received_at_01h05.pk}/").content.decode()
    assert "03/12/2026 01:05" in page
    export = b"".join(officer.get("/petitions/xuat.csv").streaming_content).decode()
    row = next(line for line in export.splitlines() if received_at_01h05.tracking_code in line)
    assert "03/12/2026" in row and "02/12/2026" not in row


def test_the_api_gives_the_received_instant_in_vietnam_time_with_its_offset(received_at_01h05, units):
    _, raw = tokens.create_token(actor=None, name="Ứng dụng tỉnh", unit=units.province, scope="read")
    item = (
        Client().get(f"/api/v1/petitions/{received_at_01h05.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    )
    assert item["received_at"] == "2026-12-03T01:05:00+07:00"


def test_open311_gives_the_requested_datetime_in_vietnam_time_with_its_offset(received_at_01h05):
    window = {"start_date": "2026-12-02T00:00:00+07:00", "end_date": "2026-12-04T00:00:00+07:00"}
    items = Client().get("/open311/v2/requests.json", window).json()
    mine = [item for item in items if item["requested_datetime"].startswith("2026-12-03T01:05")]
    assert mine and all(item["requested_datetime"].endswith("+07:00") for item in items)
