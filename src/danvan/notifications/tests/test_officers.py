"""Officers: the 07:00 digest of the units they see, alerts of their own petitions, heads' Monday summary;
per their preferences; run once however many tasks ask."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.core import clock
from danvan.notifications import officers, sending
from danvan.notifications.models import OfficerPreference, Outbox, ScheduledRun
from danvan.notifications.tests.conftest import Inbox
from danvan.petitions import services
from danvan.petitions.models import Petition

pytestmark = pytest.mark.django_db


def _mail(user: Any, address: str) -> Any:
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def overdue(make_data: Any, alice: Any) -> Petition:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.accept(actor=alice, petition=p)
    Petition.objects.filter(pk=p.pk).update(due_date=clock.today() - dt.timedelta(days=2))
    return p


def test_the_daily_digest_reaches_each_officer_with_only_the_units_they_see(
    smtp: Inbox, overdue: Petition, alice: Any, bob: Any
) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    _mail(bob, "bob@xa-b.gov.vn")
    assert officers.daily(clock.today()) == 2  # alice: digest + alert; bob: nothing in his commune
    sending.send_due()
    assert {r for (r,) in smtp.recipients} == {"alice@xa-a.gov.vn"}
    digest = next(m for m in smtp.messages if "Bản tin" in str(m["Subject"]))
    text = smtp.texts(digest)["text/plain"]
    assert f"QUÁ HẠN {overdue.tracking_code}" in text and overdue.unit.name in text
    assert overdue.title not in text
    alert = next(m for m in smtp.messages if "Đơn bạn thụ lý" in str(m["Subject"]))
    assert overdue.tracking_code in smtp.texts(alert)["text/plain"]


def test_an_officer_who_turned_the_digest_off_gets_only_the_alerts_they_kept(
    overdue: Petition, alice: Any
) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    OfficerPreference.objects.create(user=alice, daily_digest=False, due_alerts=True)
    officers.daily(clock.today())
    assert list(Outbox.objects.values_list("template", flat=True)) == ["officer_alert"]


def test_unit_heads_get_the_weekly_summary_of_their_units(overdue: Petition, hanna: Any, alice: Any) -> None:
    _mail(hanna, "hanna@xa-a.gov.vn")
    assert officers.weekly(clock.today()) == 1
    row = Outbox.objects.get(template="head_weekly")
    (unit,) = row.context["units"]
    assert unit["received"] == 1 and unit["overdue"] == 1


def test_the_next_run_is_the_next_seven_oclock_and_the_weekly_one_a_monday() -> None:
    wednesday_8am = clock.start_of_day(dt.date(2026, 12, 2)) + dt.timedelta(hours=8)
    assert officers.next_run("daily", wednesday_8am) == clock.start_of_day(
        dt.date(2026, 12, 3)
    ) + dt.timedelta(hours=7)
    assert officers.next_run("weekly", wednesday_8am) == clock.start_of_day(
        dt.date(2026, 12, 7)
    ) + dt.timedelta(hours=7)
    six = wednesday_8am - dt.timedelta(hours=2)
    assert officers.next_run("daily", six) == wednesday_8am - dt.timedelta(hours=1)


def test_the_morning_job_runs_once_however_many_tasks_ask(overdue: Petition, alice: Any) -> None:
    _mail(alice, "alice@xa-a.gov.vn")
    now = timezone.now()
    assert officers.run_due(now) == 0  # first call: the schedule is set for the next 07:00
    ScheduledRun.objects.filter(name="daily").update(next_at=now - dt.timedelta(minutes=1))
    assert officers.run_due(now) == 2
    assert officers.run_due(now) == 0  # a duplicate task finds the job done
    assert ScheduledRun.objects.get(name="daily").next_at > now


_ALL_ON = {
    "daily_digest": "on",
    "due_alerts": "on",
    "weekly_summary": "on",
    "rise_alerts": "on",
    "language": "vi",
}


def test_an_officer_sees_and_changes_only_their_own_preferences(alice: Any, bob: Any) -> None:
    from danvan.conftest import client_for

    _mail(alice, "alice@xa-a.gov.vn")
    OfficerPreference.objects.create(user=bob, daily_digest=False, language="vi")
    client = client_for(alice)
    page = client.get("/notifications/tuy-chon/")
    html = page.content.decode()
    assert page.status_code == 200 and "alice@xa-a.gov.vn" in html
    assert 'name="daily_digest"' in html and "checked" in html  # no row yet: the defaults, all on
    assert 'href="/notifications/tuy-chon/"' in html  # linked from the header
    assert not OfficerPreference.objects.filter(user=alice).exists()  # reading creates nothing

    response = client.post(
        "/notifications/tuy-chon/", {**_ALL_ON, "rise_alerts": "", "language": "en"}, follow=True
    )
    assert "Đã lưu tùy chọn nhận thông báo" in response.content.decode()
    mine = OfficerPreference.objects.get(user=alice)
    assert (mine.daily_digest, mine.rise_alerts, mine.language) == (True, False, "en")
    theirs = OfficerPreference.objects.get(user=bob)
    assert (theirs.daily_digest, theirs.rise_alerts, theirs.language) == (False, True, "vi")  # untouched

    bad = client.post("/notifications/tuy-chon/", {**_ALL_ON, "language": "fr"})
    assert bad.status_code == 400 and OfficerPreference.objects.get(user=alice).language == "en"


def test_an_officer_who_turns_the_digest_off_on_their_page_no_longer_gets_it(
    overdue: Petition, alice: Any
) -> None:
    from danvan.conftest import client_for

    _mail(alice, "alice@xa-a.gov.vn")
    del_digest = {**_ALL_ON}
    del del_digest["daily_digest"]  # an unticked box is not sent
    assert client_for(alice).post("/notifications/tuy-chon/", del_digest).status_code == 302
    officers.daily(clock.today())
    assert list(Outbox.objects.values_list("template", flat=True)) == ["officer_alert"]


def test_anonymous_users_are_sent_to_the_login_page_for_preferences(db: None) -> None:
    from django.test import Client

    response = Client().get("/notifications/tuy-chon/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
