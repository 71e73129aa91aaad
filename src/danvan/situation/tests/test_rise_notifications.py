"""Early warning reaches the responsible officers by e-mail (the notifications outbox, sent to a real SMTP
test server): once per rise, with a link to the ledger filtered to the topic and the unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import make_user
from danvan.core import clock
from danvan.notifications import sending
from danvan.notifications.models import OfficerPreference, Outbox
from danvan.notifications.tests.conftest import Inbox, smtp, smtp_server  # noqa: F401 (fixtures)
from danvan.situation import services
from danvan.situation.models import RiseAlert, Signal
from danvan.situation.periods import week_start

pytestmark = pytest.mark.django_db


def _mail(user: Any, address: str) -> Any:
    user.email = address
    user.save(update_fields=["email"])
    return user


def _weeks(
    unit: Any, province: Any, topic: Any, per_week: list[int], *, last: dt.date, first_id: int = 1
) -> None:
    rows = []
    n = first_id
    for back, count in enumerate(reversed(per_week)):
        monday = last - dt.timedelta(days=7 * back)
        for _ in range(count):
            rows.append(
                Signal(
                    source="petition",
                    source_id=n,
                    page_id=n,
                    topic=topic,
                    unit=unit,
                    province=province,
                    on=monday,
                )
            )
            n += 1
    Signal.objects.bulk_create(rows)


def test_a_rise_in_a_commune_is_mailed_to_its_officers_with_a_link_to_the_filtered_ledger(
    smtp: Inbox,  # noqa: F811
    units: Any,
    topic: Any,
    alice: Any,
    bob: Any,
) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    _mail(bob, "bob@xa-b.gov.vn")
    carol = _mail(make_user("carol", units.province, "officer"), "carol@tinh.gov.vn")
    last = week_start(clock.today()) - dt.timedelta(days=7)
    _weeks(units.commune_a, units.province, topic["moi_truong"], [0] * 26 + [9], last=last)
    result = services.run_detection()
    assert result["commune_alerts"] == 1 and result["province_alerts"] == 1
    assert result["notified"] == 2  # alice for commune A, carol for the province; bob's commune is quiet
    sending.send_due()
    assert sorted(r for (r,) in smtp.recipients) == ["alice@xa-a.gov.vn", "carol@tinh.gov.vn"]
    to_alice = next(m for m, (r,) in zip(smtp.messages, smtp.recipients, strict=True) if r == alice.email)
    assert "Cảnh báo sớm" in str(to_alice["Subject"]) and units.commune_a.name in str(to_alice["Subject"])
    text = smtp.texts(to_alice)["text/plain"]
    assert "9 tín hiệu" in text and topic["moi_truong"].name in text
    assert (
        f"/situation/so-theo-doi/tin-hieu/?unit={units.commune_a.code}&topic={topic['moi_truong'].pk}" in text
    )
    alert = RiseAlert.objects.get(unit=units.commune_a)
    assert alert.notified_at is not None
    assert Outbox.objects.filter(case_label="situation.risealert", case_id=str(alert.pk)).count() == 1
    assert carol.email in {r for (r,) in smtp.recipients}


def test_running_the_detector_again_writes_nothing_more(units: Any, topic: Any, alice: Any) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    last = week_start(clock.today()) - dt.timedelta(days=7)
    _weeks(units.commune_a, units.province, topic["moi_truong"], [0] * 26 + [9], last=last)
    assert services.run_detection()["notified"] == 1
    assert services.run_detection()["notified"] == 0
    assert Outbox.objects.filter(template="situation_rise").count() == 1


def test_a_rise_still_going_on_the_next_week_is_not_told_again(units: Any, topic: Any, alice: Any) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    this_week = week_start(clock.today())
    last = this_week - dt.timedelta(days=7)
    _weeks(
        units.commune_a, units.province, topic["moi_truong"], [0] * 26 + [9], last=last - dt.timedelta(days=7)
    )
    assert services.run_detection(today=this_week - dt.timedelta(days=1))["notified"] == 1
    _weeks(units.commune_a, units.province, topic["moi_truong"], [12], last=last, first_id=1000)
    result = services.run_detection(today=this_week)
    assert result["commune_alerts"] == 1  # the second week of the rise is still on the list …
    assert result["notified"] == 0  # … but nobody is written to again
    assert RiseAlert.objects.filter(unit=units.commune_a, notified_at__isnull=False).count() == 2
    assert Outbox.objects.filter(template="situation_rise").count() == 1


def test_an_officer_who_turned_rise_alerts_off_gets_none_and_english_speakers_get_english(
    units: Any, topic: Any, alice: Any, hanna: Any
) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    _mail(hanna, "hanna@xa-a.gov.vn")
    OfficerPreference.objects.create(user=alice, rise_alerts=False)
    OfficerPreference.objects.create(user=hanna, language="en")
    last = week_start(clock.today()) - dt.timedelta(days=7)
    _weeks(units.commune_a, units.province, topic["moi_truong"], [0] * 26 + [9], last=last)
    services.run_detection()
    (row,) = Outbox.objects.filter(template="situation_rise")
    assert row.recipient_hint.startswith("h") and row.language == "en"


def test_a_commune_without_officers_has_its_rise_told_to_the_province_officers(
    units: Any, topic: Any
) -> None:
    carol = _mail(make_user("carol", units.province, "officer"), "carol@tinh.gov.vn")
    last = week_start(clock.today()) - dt.timedelta(days=7)
    _weeks(units.commune_b, units.province, topic["moi_truong"], [0] * 26 + [9], last=last)
    assert services.run_detection()["notified"] == 2  # commune B's rise and the province's, both to carol
    rows = Outbox.objects.filter(template="situation_rise")
    assert {r.context["unit"] for r in rows} == {units.commune_b.name, units.province.name}
    assert {r.recipient_hint for r in rows} == {rows[0].recipient_hint} and carol.pk
