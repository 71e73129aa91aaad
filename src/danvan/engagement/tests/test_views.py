from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.models import AuditAction, AuditEntry
from danvan.engagement import services
from danvan.engagement.ical import escape_text, fold
from danvan.engagement.models import Commitment, Dialogue, DialogueQuestion, HeadRole, ReceptionSession

from .helpers import announced, held, planned

pytestmark = pytest.mark.django_db


def test_officer_pages_render_in_vietnamese(alice: Any, units: Any) -> None:
    client = client_for(alice)
    for url in [
        "/engagement/receptions/",
        "/engagement/receptions/new/",
        "/engagement/schedules/",
        "/engagement/compliance/",
        "/engagement/dialogues/",
        "/engagement/dialogues/new/",
        "/engagement/commitments/",
        "/engagement/coverage/",
        "/engagement/calendar/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Tiếp công dân" in response.content.decode()


def test_the_officer_menu_lists_reception_dialogue_and_calendar(alice: Any) -> None:
    body = client_for(alice).get("/dashboard/").content.decode()
    for label in ("Tiếp công dân", "Đối thoại", "Lịch"):
        assert f">{label}</a>" in body


def test_a_citizen_is_not_let_into_officer_pages(client: Any) -> None:
    response = client.get("/engagement/dialogues/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_officer_records_a_reception_through_the_form(alice: Any, units: Any) -> None:
    response = client_for(alice).post(
        "/engagement/receptions/new/",
        {
            "unit": units.commune_a.code,
            "head_role": HeadRole.COMMUNE_CHAIRMAN,
            "date": "15/06/2026",
            "received_by": "head",
            "receiver_name": "Hoàng Văn Chủ tịch",
            "mode": "in_person",
            "citizens_count": "2",
            "citizens": "Lò Văn A; Thôn 1; 0911111111\nLò Thị B",
        },
    )
    session = ReceptionSession.objects.get()
    assert (
        response.status_code == 302 and session.citizens.count() == 2 and session.date == dt.date(2026, 6, 15)
    )


def test_a_deputy_reception_after_july_2026_shows_the_rule_next_to_the_field(alice: Any, units: Any) -> None:
    response = client_for(alice).post(
        "/engagement/receptions/new/",
        {
            "unit": units.commune_a.code,
            "head_role": HeadRole.COMMUNE_CHAIRMAN,
            "date": "15/07/2026",
            "received_by": "deputy",
            "receiver_name": "Phó Chủ tịch",
            "mode": "in_person",
            "citizens_count": "0",
        },
    )
    assert response.status_code == 400
    assert "không được ủy quyền cho cấp phó" in response.content.decode()
    assert not ReceptionSession.objects.exists()


def test_a_badly_typed_date_gets_a_vietnamese_message(alice: Any, units: Any) -> None:
    response = client_for(alice).post(
        "/engagement/receptions/new/",
        {
            "unit": units.commune_a.code,
            "head_role": HeadRole.COMMUNE_CHAIRMAN,
            "date": "31/02/2026",
            "received_by": "head",
            "receiver_name": "X",
            "mode": "in_person",
            "citizens_count": "0",
        },
    )
    assert "hãy nhập theo dạng ngày/tháng/năm" in response.content.decode()


def test_an_officer_of_another_commune_gets_404_on_a_reception_and_a_dialogue(
    alice: Any, bob: Any, units: Any
) -> None:
    session = services.record_reception(
        actor=alice,
        unit=units.commune_a,
        head_role=HeadRole.COMMUNE_CHAIRMAN,
        date=dt.date(2026, 6, 1),
        receiver_name="X",
    )
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=10))
    client = client_for(bob)
    assert client.get(f"/engagement/receptions/{session.pk}/").status_code == 404
    assert client.get(f"/engagement/dialogues/{dialogue.pk}/").status_code == 404
    assert client.post(f"/engagement/dialogues/{dialogue.pk}/announce/", {}).status_code == 404
    assert dialogue.title not in client.get("/engagement/dialogues/").content.decode()


def test_a_province_supervisor_sees_the_commune_but_cannot_act(alice: Any, carol: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=10))
    client = client_for(carol)
    body = client.get(f"/engagement/dialogues/{dialogue.pk}/").content.decode()
    assert dialogue.title in body and "announce-form" not in body
    assert (
        client.post(
            f"/engagement/dialogues/{dialogue.pk}/announce/", {"version": dialogue.version}
        ).status_code
        == 403
    )


def test_identities_are_masked_until_the_head_asks_and_the_view_is_audited(
    alice: Any, hanna: Any, units: Any
) -> None:
    session = services.record_reception(
        actor=alice,
        unit=units.commune_a,
        head_role=HeadRole.COMMUNE_CHAIRMAN,
        date=dt.date(2026, 6, 1),
        receiver_name="X",
        citizens=[services.CitizenInput("Lò Thị Bí Mật")],
    )
    client = client_for(hanna)
    assert "Bí Mật" not in client.get(f"/engagement/receptions/{session.pk}/").content.decode()
    body = client.post(f"/engagement/receptions/{session.pk}/identities/").content.decode()
    assert "Lò Thị Bí Mật" in body
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_CONFIDENTIAL, actor_id=hanna.pk).exists()


def test_a_commitment_form_without_owner_and_due_date_explains_both(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=2))
    response = client_for(alice).post(
        f"/engagement/dialogues/{dialogue.pk}/commit/", {"content": "Sửa đường"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Cam kết phải có người chịu trách nhiệm" in body and "Cam kết phải có hạn thực hiện" in body
    assert not Commitment.objects.exists()


def test_the_public_page_of_the_commune_shows_announced_dialogues_only(
    alice: Any, units: Any, client: Any
) -> None:
    shown = announced(
        alice, units.commune_a, clock.today() + dt.timedelta(days=12), title="Đối thoại công khai"
    )
    planned(alice, units.commune_a, clock.today() + dt.timedelta(days=20), title="Kế hoạch nội bộ")
    body = client.get(f"/engagement/doi-thoai/xa/{units.commune_a.code}/").content.decode()
    assert shown.title in body and "Kế hoạch nội bộ" not in body
    found = client.get("/engagement/doi-thoai/", {"q": units.commune_a.folded_name}).content.decode()
    assert f"/engagement/doi-thoai/xa/{units.commune_a.code}/" in found


def test_a_citizen_sends_a_question_and_the_honeypot_drops_bots(alice: Any, units: Any, client: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    url = f"/engagement/doi-thoai/{dialogue.pk}/"
    response = client.post(url, {"text": "Bao giờ có nước sạch cho thôn 5?", "name": "Lò Văn Dân"})
    assert response.status_code == 302
    client.post(url, {"text": "Quảng cáo quảng cáo quảng cáo", "website": "http://spam"})
    assert DialogueQuestion.objects.filter(dialogue=dialogue).count() == 1
    short = client.post(url, {"text": "Hỏi"})
    assert short.status_code == 400 and "Câu hỏi quá ngắn" in short.content.decode()


def test_a_planned_dialogue_has_no_public_page(alice: Any, units: Any, client: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    assert client.get(f"/engagement/doi-thoai/{dialogue.pk}/").status_code == 404


def test_the_dashboard_card_shows_my_overdue_commitments_and_the_coverage(
    alice: Any, hanna: Any, units: Any
) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=40))
    services.create_commitment(
        actor=alice,
        dialogue=dialogue,
        content="Sửa cầu treo thôn 2",
        owner=hanna,
        due_date=clock.today() - dt.timedelta(days=5),
    )
    services.create_commitment(
        actor=alice,
        dialogue=dialogue,
        content="Chưa đến hạn",
        owner=hanna,
        due_date=clock.today() + dt.timedelta(days=5),
    )
    body = client_for(hanna).get("/dashboard/").content.decode()
    assert "Sửa cầu treo thôn 2" in body and "Chưa đến hạn" not in body
    assert re.search(r'data-testid="overdue-count">1<', body)
    assert 'data-testid="card-coverage">' in body


def test_the_coverage_page_lists_the_units_behind_each_figure(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=2)  # on 1 January: last year, so ask for that day's year
    held(alice, units.commune_a, day)
    year = {"start": f"01/01/{day.year}", "end": f"31/12/{day.year}"}
    body = client_for(alice).get("/engagement/coverage/", year).content.decode()
    assert 'data-testid="coverage-share-2">100.0%' in body or 'data-testid="coverage-share-2">100,0%' in body
    assert units.commune_a.name in body


def test_the_calendar_shows_dialogues_of_the_subtree_and_exports_valid_icalendar(
    alice: Any, carol: Any, units: Any
) -> None:
    day = clock.today() + dt.timedelta(days=12)
    announced(alice, units.commune_a, day, title="Đối thoại; về đất, đai\nmới")
    services.save_schedule(
        actor=alice,
        unit=units.commune_a,
        head_role=HeadRole.COMMUNE_CHAIRMAN,
        head_name="Chủ tịch",
        weekday=3,
        location="Trụ sở",
    )
    month = f"{day.year}-{day.month:02d}"
    body = (
        client_for(carol)
        .get("/engagement/calendar/", {"unit": units.province.code, "month": month})
        .content.decode()
    )
    assert "Đối thoại; về đất, đai" in body
    response = client_for(carol).get(
        "/engagement/calendar.ics", {"unit": units.province.code, "month": month}
    )
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Đối thoại: Đối thoại\\; về đất\\, đai\\nmới" in unfolded
    events = unfolded.count("BEGIN:VEVENT")
    assert events >= 2 and unfolded.count("UID:") == events and unfolded.count("DTSTAMP:") == events
    assert re.search(r"DTSTART:\d{8}T\d{6}Z", unfolded) and re.search(r"DTSTART;VALUE=DATE:\d{8}", unfolded)
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="engagement.calendar").exists()


def test_the_calendar_of_another_province_is_out_of_reach(alice: Any, units: Any) -> None:
    assert (
        client_for(alice).get("/engagement/calendar.ics", {"unit": units.other_province.code}).status_code
        == 404
    )


def test_text_escaping_and_folding_follow_rfc_5545() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "Đối thoại " * 20
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_an_officer_walks_a_dialogue_through_every_state_with_the_forms(alice: Any, units: Any) -> None:
    client = client_for(alice)
    start = clock.today() - dt.timedelta(days=1)
    response = client.post(
        "/engagement/dialogues/new/",
        {
            "unit": units.commune_a.code,
            "title": "Đối thoại quý IV",
            "host_role": HeadRole.COMMUNE_CHAIRMAN,
            "host_name": "Chủ tịch",
            "host_is_head": "on",
            "starts_at": start.strftime("%d/%m/%Y 08:00"),
            "place": "Hội trường",
            "form": "in_person",
            "content": "Đất đai",
        },
    )
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    url = f"/engagement/dialogues/{dialogue.pk}/"
    no_reason = client.post(
        url + "announce/",
        {"announced_on": (start - dt.timedelta(days=2)).strftime("%d/%m/%Y"), "version": dialogue.version},
    )
    assert no_reason.status_code == 400 and "ít hơn 7 ngày" in no_reason.content.decode()
    client.post(
        url + "announce/",
        {
            "announced_on": (start - dt.timedelta(days=2)).strftime("%d/%m/%Y"),
            "reason": "Khẩn cấp",
            "version": dialogue.version,
        },
    )
    dialogue.refresh_from_db()
    assert dialogue.short_notice
    client.post(
        url + "hold/",
        {"held_on": start.strftime("%d/%m/%Y"), "participants_count": "80", "version": dialogue.version},
    )
    dialogue.refresh_from_db()
    client.post(url + "publish/", {"results_summary": "Đã trả lời.", "version": dialogue.version})
    dialogue.refresh_from_db()
    assert dialogue.state == "published" and dialogue.participants_count == 80
    assert "Đã trả lời." in client.get(f"/engagement/doi-thoai/{dialogue.pk}/").content.decode()


def test_an_officer_edits_an_announced_dialogue_and_a_stale_form_is_refused(alice: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    client = client_for(alice)
    url = f"/engagement/dialogues/{dialogue.pk}/edit/"
    assert client.get(url).status_code == 200
    data = {
        "title": "Đối thoại (đổi địa điểm)",
        "host_role": HeadRole.COMMUNE_CHAIRMAN,
        "host_name": "Chủ tịch",
        "host_is_head": "on",
        "starts_at": (clock.today() + dt.timedelta(days=12)).strftime("%d/%m/%Y 14:00"),
        "place": "Nhà văn hóa thôn 2",
        "form": "in_person",
        "content": "Đất đai",
        "reason": "Trùng lịch họp Hội đồng nhân dân",
        "version": dialogue.version,
    }
    assert client.post(url, data).status_code == 302
    dialogue.refresh_from_db()
    assert dialogue.place == "Nhà văn hóa thôn 2" and clock.local(dialogue.starts_at).hour == 14
    stale = client.post(url, {**data, "place": "Nơi khác"})
    assert stale.status_code == 400 and "vừa được người khác cập nhật" in stale.content.decode()


@pytest.mark.parametrize("path", ["/engagement/dialogues/", "/engagement/commitments/"])
def test_the_dialogue_and_commitment_lists_sort_by_a_column_and_show_their_total(
    path: str, carol: Any
) -> None:
    """#20 item 5: the lists officers expect (core.lists)."""
    c = client_for(carol)
    response = c.get(path, {"sort": "-unit", "per_page": "100"})
    page = response.content.decode()
    assert response.status_code == 200 and 'aria-sort="descending"' in page and "Tổng số: " in page
    assert response.context["page"].paginator.per_page == 100
    assert 'data-testid="saved-filters"' in page
