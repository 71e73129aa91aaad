"""Issue #14 for dialogues: held only from the start, rescheduling with a reason and the notice rule, "answered
at the meeting" only from the start, a question turned into a petition stays public with its code, and the
commitment owner is picked among the people of the unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.accounts.picker import person_label
from danvan.conftest import client_for, make_user
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.engagement import petition_link, services
from danvan.engagement.models import DialogueHistory, DialogueState
from danvan.territory.picker import unit_label

from .helpers import announced, at, held

pytestmark = pytest.mark.django_db


def test_a_dialogue_cannot_be_recorded_as_held_before_its_scheduled_start(alice: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=1), reason="Khẩn cấp")
    with pytest.raises(Refused, match="chỉ ghi nhận đã tổ chức từ thời điểm bắt đầu") as exc:
        services.hold_dialogue(actor=alice, dialogue=dialogue, held_on=clock.today())
    assert exc.value.field == "held_on"
    dialogue.refresh_from_db()
    assert dialogue.state == DialogueState.ANNOUNCED and dialogue.held_on is None


def test_a_dialogue_cannot_be_recorded_as_held_on_a_day_before_its_start(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=2)
    dialogue = announced(alice, units.commune_a, day)
    with pytest.raises(Refused, match="chỉ ghi nhận đã tổ chức"):
        services.hold_dialogue(actor=alice, dialogue=dialogue, held_on=day - dt.timedelta(days=1))


def test_the_hold_form_is_not_offered_before_the_start_and_is_prefilled_with_the_scheduled_day(
    alice: Any, units: Any
) -> None:
    client = client_for(alice)
    future = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=9))
    body = client.get(f"/engagement/dialogues/{future.pk}/").content.decode()
    assert 'data-testid="hold-form"' not in body and 'data-testid="hold-not-yet"' in body
    day = clock.today() - dt.timedelta(days=3)
    past = announced(alice, units.commune_a, day)
    body = client.get(f"/engagement/dialogues/{past.pk}/").content.decode()
    form = body[body.index('data-testid="hold-form"') :]
    assert f'value="{day:%d/%m/%Y}"' in form[: form.index("</form>")]


def test_rescheduling_an_announced_dialogue_needs_a_reason(alice: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    new_start = at(clock.today() + dt.timedelta(days=20), 14)
    with pytest.raises(Refused, match="cần ghi lý do") as exc:
        services.update_dialogue(actor=alice, dialogue=dialogue, starts_at=new_start)
    assert exc.value.field == "reason"
    dialogue = services.update_dialogue(
        actor=alice, dialogue=dialogue, starts_at=new_start, reason="Trùng kỳ họp Hội đồng nhân dân"
    )
    assert dialogue.starts_at == new_start and not dialogue.short_notice
    row = DialogueHistory.objects.filter(dialogue=dialogue, action="edit").get()
    assert row.reason == "Trùng kỳ họp Hội đồng nhân dân"


def test_rescheduling_to_less_than_seven_days_ahead_rechecks_the_notice_rule(alice: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    assert not dialogue.short_notice
    dialogue = services.update_dialogue(
        actor=alice,
        dialogue=dialogue,
        starts_at=at(clock.today() + dt.timedelta(days=3), 14),
        reason="Mưa lũ, dời sớm theo đề nghị của cử tri",
    )
    assert dialogue.short_notice and dialogue.announced_on == clock.today()
    assert dialogue.short_notice_reason == "Mưa lũ, dời sớm theo đề nghị của cử tri"


def test_rescheduling_through_the_form_without_a_reason_says_so(alice: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    response = client_for(alice).post(
        f"/engagement/dialogues/{dialogue.pk}/edit/",
        {
            "title": dialogue.title,
            "host_role": dialogue.host_role,
            "host_name": dialogue.host_name,
            "host_is_head": "on",
            "starts_at": (clock.today() + dt.timedelta(days=15)).strftime("%d/%m/%Y 08:00"),
            "place": dialogue.place,
            "form": dialogue.form,
            "content": dialogue.content,
            "version": dialogue.version,
        },
    )
    assert response.status_code == 400 and "hãy nhập lý do dời lịch" in response.content.decode()


def test_answered_at_the_meeting_is_refused_for_an_answer_recorded_before_the_start(
    alice: Any, units: Any
) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=10))
    question = services.submit_question(actor=None, dialogue=dialogue, text="Bao giờ có nước sạch ạ?")
    with pytest.raises(Refused, match="không phải là trả lời trực tiếp tại hội nghị") as exc:
        services.answer_question(actor=alice, question=question, answer="Quý sau.", on_spot=True)
    assert exc.value.field == "on_spot"
    question = services.answer_question(actor=alice, question=question, answer="Quý sau.")
    assert not question.answered_on_spot
    dialogue.refresh_from_db()
    assert dialogue.answered_on_spot_count == 0


def test_the_answered_at_the_meeting_box_is_not_ticked_by_default(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=1))
    question = services.add_question(actor=alice, dialogue=dialogue, text="Xin hỏi về đường thôn 2?")
    body = client_for(alice).get(f"/engagement/dialogues/{dialogue.pk}/").content.decode()
    box = body[body.index(f'id="onspot-{question.pk}"') :]
    assert "checked" not in box[: box.index(">")]


def test_a_question_turned_into_a_petition_stays_in_the_public_answers_with_its_tracking_code(
    alice: Any, units: Any, client: Any
) -> None:
    day = clock.today() - dt.timedelta(days=3)
    dialogue = announced(alice, units.commune_a, day)
    question = services.submit_question(
        actor=None, dialogue=dialogue, text="Đề nghị làm rõ việc cấp đất thôn 4?", name="Lò Văn Dân"
    )
    dialogue = services.hold_dialogue(actor=alice, dialogue=dialogue, held_on=day)
    petition = petition_link.question_to_petition(actor=alice, question=question)
    question.refresh_from_db()
    assert petition.tracking_code in question.answer  # the citizen learns the code where answers are read
    services.publish_results(actor=alice, dialogue=dialogue, results_summary="Đã trả lời.")
    body = client.get(f"/engagement/doi-thoai/{dialogue.pk}/").content.decode()
    assert "Đề nghị làm rõ việc cấp đất thôn 4?" in body
    assert (
        f"/petitions/track/?code={petition.tracking_code}" in body
        or f"?code={petition.tracking_code}" in body
    )
    assert 'data-testid="public-petition"' in body and petition.get_state_display() in body
    staff = client_for(alice).get(f"/engagement/dialogues/{dialogue.pk}/").content.decode()
    assert petition.tracking_code in staff


def test_the_commitment_owner_is_picked_among_the_people_of_the_unit(
    alice: Any, bob: Any, hanna: Any, units: Any
) -> None:
    national = make_user("national-supervisor", units.nation, "supervisor")
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=1))
    body = client_for(alice).get(f"/engagement/dialogues/{dialogue.pk}/").content.decode()
    form = body[body.index('data-testid="commitment-form"') :]
    form = form[: form.index("</form>")]
    assert person_label(alice) in form and person_label(hanna) in form
    assert "national-supervisor" not in form and "(bob)" not in form and "(root)" not in form
    with pytest.raises(Refused, match="không thuộc") as exc:
        services.create_commitment(
            actor=alice, dialogue=dialogue, content="Sửa đường", owner=national, due_date=clock.today()
        )
    assert exc.value.field == "owner"
    response = client_for(alice).post(
        f"/engagement/dialogues/{dialogue.pk}/commit/",
        {"content": "Sửa đường", "owner": "Bob (bob)", "due_date": clock.today().strftime("%d/%m/%Y")},
    )
    assert (
        response.status_code == 400
        and "không có trong danh sách người của đơn vị" in response.content.decode()
    )


def test_the_unit_filter_is_the_unit_picker(carol: Any, units: Any) -> None:
    response = client_for(carol).get("/engagement/dialogues/", {"unit": unit_label(units.commune_a)})
    assert response.status_code == 200
    assert f"— {units.commune_a.name}" in response.content.decode()


def test_a_province_supervisor_is_not_shown_the_hold_form_and_is_refused_on_the_page(
    alice: Any, carol: Any, units: Any
) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() - dt.timedelta(days=2))
    client = client_for(carol)
    body = client.get(f"/engagement/dialogues/{dialogue.pk}/").content.decode()
    assert 'data-action="hold"' not in body and "Ghi nhận đã tổ chức" not in body
    response = client.post(
        f"/engagement/dialogues/{dialogue.pk}/hold/",
        {"held_on": (clock.today() - dt.timedelta(days=2)).strftime("%d/%m/%Y"), "version": dialogue.version},
    )
    assert response.status_code == 403 and dialogue.title in response.content.decode()


def test_a_province_supervisor_is_not_offered_the_edit_form(alice: Any, carol: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    client = client_for(carol)
    assert 'data-action="edit"' not in client.get(f"/engagement/dialogues/{dialogue.pk}/").content.decode()
    assert client.get(f"/engagement/dialogues/{dialogue.pk}/edit/").status_code == 403


def test_a_province_supervisor_is_offered_no_form_to_record_a_dialogue_a_reception_or_a_schedule(
    carol: Any, alice: Any, units: Any
) -> None:
    client = client_for(carol)
    assert "/engagement/dialogues/new/" not in client.get("/engagement/dialogues/").content.decode()
    assert "/engagement/receptions/new/" not in client.get("/engagement/receptions/").content.decode()
    assert 'data-testid="schedule-form"' not in client.get("/engagement/schedules/").content.decode()
    assert client.get("/engagement/dialogues/new/").status_code == 403
    assert client.get("/engagement/receptions/new/").status_code == 403
    assert 'data-testid="schedule-form"' in client_for(alice).get("/engagement/schedules/").content.decode()
