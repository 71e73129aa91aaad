"""The dashboard's memo of figures is language-neutral (#20 item 3): it keeps numbers by indicator code, and
the charts' names are built for each request, so a Vietnamese reader then an English reader of the same
page (within the memo's minute) each see their own language."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.conf import settings

from danvan.conftest import Units, client_for
from danvan.reporting.models import Period
from danvan.reporting.rollup import clear_memo

pytestmark = pytest.mark.django_db


def _labels(html: str, chart_id: str) -> list[str]:
    match = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, chart_id
    return [d["label"] for d in json.loads(match[1])["data"]["datasets"]]


def test_a_vietnamese_then_an_english_reader_of_the_dashboard_each_see_their_own_language(
    units: Units, seeded: None, dave: Any
) -> None:
    from danvan.core import clock
    from danvan.petitions import services

    today = clock.today()
    period = Period.objects.create(
        kind="annual",
        name=f"Năm {today.year}",
        start=dt.date(today.year, 1, 1),
        end=dt.date(today.year, 12, 31),
    )
    services.submit_petition(
        actor=None,
        channel="web",
        data={
            "kind": "feedback",
            "title": "Đường liên thôn bị sụt lún",
            "content": "Đoạn đường bê tông liên thôn dài 2 km bị sụt lún, nhiều ổ gà.",
            "place_code": units.commune_a.code,
            "petitioner_name": "Nguyễn Văn Bình",
            "petitioner_phone": "0912345678",
            "petitioner_address": "Thôn 3",
        },
    )
    clear_memo()
    client = client_for(dave)
    url = f"/reporting/?period={period.pk}"
    vietnamese = client.get(url).content.decode()
    assert "Số đơn thư tiếp nhận" in " ".join(_labels(vietnamese, "chart-counts"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()  # the memo's figures are reused here
    assert "Petitions received" in " ".join(_labels(english, "chart-counts"))
    assert "Số đơn thư tiếp nhận" not in english and ">Month<" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    again = client.get(url).content.decode()
    assert (
        "Số đơn thư tiếp nhận" in " ".join(_labels(again, "chart-counts"))
        and "Petitions received" not in again
    )


def test_a_reports_exports_stay_vietnamese_documents_for_an_english_reader(
    units: Units, seeded: None, pat: Any
) -> None:
    from danvan.core import clock
    from danvan.reporting import services

    today = clock.today()
    period = Period.objects.create(
        kind="annual",
        name=f"Năm {today.year}",
        start=dt.date(today.year, 1, 1),
        end=dt.date(today.year, 12, 31),
    )
    report = services.start_report(actor=pat, unit=units.province, period=period)  # a draft: live figures
    client = client_for(pat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(f"/reporting/reports/{report.pk}/export.csv").content.decode("utf-8-sig")
    assert "Số đơn thư tiếp nhận" in text and "Petitions received" not in text
