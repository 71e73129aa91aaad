"""Opinion polls: questions, a public link answered once per person, results by place and topic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.situation import selectors, services
from danvan.situation.models import PollResponse

pytestmark = pytest.mark.django_db
QUESTIONS = "[một] Bạn có đồng tình? | Đồng tình | Chưa đồng tình\n[nhiều] Cần gì? | Đường | Nước | Điện\n[thang] Mức tin tưởng?\n[tự do] Ý kiến khác?"


def _poll(units: Any, actor: Any, target: str = "public") -> Any:
    p = services.create_poll(
        actor=actor, unit=units.commune_a, title="Ý kiến về đường thôn", target=target,
        questions=services.parse_questions(QUESTIONS),
    )  # fmt: skip
    return services.open_poll(actor=actor, poll=p, closes_on=clock.today() + dt.timedelta(days=7))


def test_malformed_questions_are_refused_with_the_line_number() -> None:
    with pytest.raises(Refused, match="Dòng 2"):
        services.parse_questions("[một] Đồng tình? | Có | Không\nKhông có loại")
    with pytest.raises(Refused, match="hai lựa chọn"):
        services.parse_questions("[một] Đồng tình? | Có")


def test_a_citizen_answers_through_the_public_link_once_per_device_and_once_per_phone(
    units: Any, alice: Any
) -> None:
    p = _poll(units, alice)
    q = list(p.questions.all())
    data = {
        f"q{q[0].pk}": "0", f"q{q[1].pk}": ["1", "2"], f"q{q[2].pk}": "4", f"q{q[3].pk}": "Lo ô nhiễm nguồn nước",
        "place": units.commune_a.code,
    }  # fmt: skip
    citizen = Client()
    url = f"/situation/y-kien/{p.public_key}/"
    assert citizen.get(url).status_code == 200
    assert citizen.post(url, data).status_code == 302
    again = citizen.post(url, data)
    assert again.status_code == 400 and "chỉ trả lời một lần" in again.content.decode()
    phone = Client()
    assert phone.post(url, {**data, "phone": "0912 345 678"}).status_code == 302
    other_device_same_phone = Client().post(url, {**data, "phone": "+84912345678"})
    assert other_device_same_phone.status_code == 400
    assert PollResponse.objects.count() == 2
    responses, results = selectors.poll_results(p)
    assert responses == 2
    assert results[0].counts == [("Đồng tình", 2), ("Chưa đồng tình", 0)]
    assert results[0].by_place == [(units.commune_a.name, [2, 0])] and results[0].chart is not None
    assert results[2].mean == 4.0
    assert results[3].texts == [("Môi trường, ô nhiễm", ["Lo ô nhiễm nguồn nước"] * 2)]
    page = client_for(alice).get(f"/situation/tham-do/{p.pk}/").content.decode()
    assert 'data-chart="chart-q' in page


def test_an_answer_with_a_phone_number_in_free_text_is_refused_and_nothing_saved(
    units: Any, alice: Any
) -> None:
    p = _poll(units, alice)
    q = list(p.questions.all())
    with pytest.raises(Refused, match="danh tính"):
        services.answer_poll(poll=p, respondent="x", answers={q[0].pk: 0, q[3].pk: "Gọi tôi 0912345678"})
    assert not PollResponse.objects.exists()


def test_a_closed_poll_takes_no_answer_and_a_place_outside_is_refused(units: Any, alice: Any) -> None:
    p = _poll(units, alice)
    q = list(p.questions.all())
    with pytest.raises(Refused, match="Nơi ở"):
        services.answer_poll(poll=p, respondent="a", answers={q[0].pk: 0}, place=units.commune_b)
    p = services.close_poll(actor=alice, poll=p)
    with pytest.raises(Refused, match="không còn nhận"):
        services.answer_poll(poll=p, respondent="a", answers={q[0].pk: 0})


def test_a_collaborators_poll_is_answered_by_the_units_collaborators_only(
    units: Any, alice: Any, cuong: Any, olga: Any
) -> None:
    p = _poll(units, alice, target="collaborators")
    q = list(p.questions.all())
    assert client_for(cuong).get("/situation/").content.decode().count(p.title) == 1
    assert (
        client_for(cuong).post(f"/situation/tham-do/{p.pk}/tra-loi/", {f"q{q[0].pk}": "1"}).status_code == 302
    )
    assert client_for(olga).get(f"/situation/tham-do/{p.pk}/tra-loi/").status_code == 404
    assert (
        client_for(cuong).post(f"/situation/tham-do/{p.pk}/tra-loi/", {f"q{q[0].pk}": "0"}).status_code == 400
    )
    assert PollResponse.objects.count() == 1
    assert client_for(Client() and cuong).get(f"/situation/y-kien/{p.public_key}/").status_code == 404


def _classifier_reads(monkeypatch: Any, field: str, probability: float) -> list[str]:
    """The field classifier replaced by one that reads `field` in every text; returns the texts it read."""
    from danvan.petitions import services as analysis

    read: list[str] = []

    def suggest(text: str) -> tuple[str, float]:
        read.append(text)
        return field, probability

    monkeypatch.setattr(analysis, "suggest_field", suggest)
    return read


def test_a_free_text_answer_is_filed_by_the_field_classifier_after_its_commit_and_grouped_there(
    units: Any, alice: Any, topic: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    read = _classifier_reads(monkeypatch, "moi_truong", 0.9)
    p = _poll(units, alice)
    q = list(p.questions.all())
    text = "Khói lò gạch bay vào nhà suốt đêm"  # no topic keyword: the keywords file it under "other"
    with django_capture_on_commit_callbacks(execute=True):
        response = services.answer_poll(poll=p, respondent="a", answers={q[0].pk: 0, q[3].pk: text})
    assert read == [text]  # the free text only, once
    answer = response.answers.get(question=q[3])
    assert (answer.topic, answer.classified) == (topic["moi_truong"], True)
    _responses, results = selectors.poll_results(p)
    assert results[3].texts == [("Môi trường, ô nhiễm", [text])] and results[3].unclassified == 0
    page = client_for(alice).get(f"/situation/tham-do/{p.pk}/").content.decode()
    assert "Môi trường, ô nhiễm" in page and 'data-testid="unclassified"' not in page


def test_an_unsure_classifier_leaves_a_free_text_answer_under_its_keywords_topic(
    units: Any, alice: Any, topic: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _classifier_reads(monkeypatch, "dat_dai", 0.3)
    p = _poll(units, alice)
    q = list(p.questions.all())
    with django_capture_on_commit_callbacks(execute=True):
        response = services.answer_poll(poll=p, respondent="a", answers={q[3].pk: "Lo ô nhiễm nguồn nước"})
    answer = response.answers.get()
    assert (answer.topic, answer.classified) == (topic["moi_truong"], True)


def test_answers_not_yet_classified_are_grouped_by_keywords_until_the_weekly_task_files_them(
    units: Any, alice: Any, topic: Any, monkeypatch: Any
) -> None:
    from danvan.situation import tasks

    read = _classifier_reads(monkeypatch, "dat_dai", 0.95)
    p = _poll(units, alice)
    q = list(p.questions.all())
    # saved, but its task never ran (a worker lost it, or the answer is older than the classification)
    services.answer_poll(poll=p, respondent="a", answers={q[3].pk: "Lo ô nhiễm nguồn nước"})
    services.answer_poll(poll=p, respondent="b", answers={q[0].pk: 1})
    assert read == []
    page = client_for(alice).get(f"/situation/tham-do/{p.pk}/").content.decode()
    assert 'data-testid="unclassified"' in page and "Môi trường, ô nhiễm" in page
    assert tasks.detect_rises.call()["answers_classified"] == 1
    _responses, results = selectors.poll_results(p)
    assert results[3].texts == [("Đất đai, bồi thường, giải phóng mặt bằng", ["Lo ô nhiễm nguồn nước"])]
    assert results[3].unclassified == 0
    assert tasks.detect_rises.call()["answers_classified"] == 0  # nothing read twice
