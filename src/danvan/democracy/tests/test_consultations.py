"""Consultations: a draft open for comment, citizens' and staff-entered opinions, tiếp thu / giải trình."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.democracy import selectors, services
from danvan.democracy.models import Consultation, ConsultationComment

pytestmark = pytest.mark.django_db


def open_draft(actor: Any, unit: Any, *, days: int = 10) -> Consultation:
    c = services.create_consultation(
        actor=actor,
        unit=unit,
        title="Dự thảo quy hoạch khu dân cư mới",
        matter="land_use",
        summary="Quy hoạch khu dân cư mới 5 ha tại thôn Nà Sla.",
        parts=["Phạm vi quy hoạch", "Giao thông", "Tái định cư"],
    )
    return services.open_consultation(
        actor=actor,
        consultation=c,
        opens_on=clock.today(),
        closes_on=clock.today() + dt.timedelta(days=days),
        channels=["web", "meeting"],
    )


def test_a_citizen_comments_on_a_part_of_the_draft_without_an_account(
    root: Any, units: Any, client: Any
) -> None:
    c = open_draft(root, units.commune_a)
    part = c.parts.get(number=2)
    page = client.get(f"/democracy/gop-y/{c.pk}/")
    assert page.status_code == 200 and "Gửi ý kiến" in page.content.decode()
    r = client.post(
        f"/democracy/gop-y/{c.pk}/", {"part": part.pk, "content": "Đường vào nên rộng 7 m.", "author": ""}
    )
    assert r.status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.part == part and comment.channel == "web"


def test_a_closed_draft_refuses_comments_with_a_clear_message(root: Any, units: Any, client: Any) -> None:
    c = open_draft(root, units.commune_a)
    services.close_consultation(actor=root, consultation=c)
    r = client.post(f"/democracy/gop-y/{c.pk}/", {"content": "Muộn rồi"})
    assert r.status_code == 400
    assert "đã hết hạn góp ý" in r.content.decode()
    assert not ConsultationComment.objects.exists()
    with pytest.raises(Refused, match="đã hết hạn góp ý"):
        services.submit_comment(consultation=c, content="Muộn rồi")


def test_a_draft_past_its_deadline_refuses_comments_even_before_it_is_closed(root: Any, units: Any) -> None:
    c = open_draft(root, units.commune_a)
    Consultation.objects.filter(pk=c.pk).update(closes_on=clock.today() - dt.timedelta(days=1))
    c.refresh_from_db()
    with pytest.raises(Refused, match="đã hết hạn góp ý"):
        services.submit_comment(consultation=c, content="Ý kiến")


def test_the_public_form_is_rate_limited_and_ignores_bots(
    root: Any, units: Any, client: Any, settings: Any
) -> None:
    settings.PETITIONS_RATE_LIMIT_PER_HOUR = 2
    c = open_draft(root, units.commune_a)
    client.post(f"/democracy/gop-y/{c.pk}/", {"content": "Một", "website": "http://spam"})
    assert not ConsultationComment.objects.exists()
    for text in ("Hai", "Ba"):
        assert client.post(f"/democracy/gop-y/{c.pk}/", {"content": text}).status_code == 302
    assert client.post(f"/democracy/gop-y/{c.pk}/", {"content": "Bốn"}).status_code == 429
    assert ConsultationComment.objects.count() == 2


def test_an_officer_enters_a_comment_from_the_suggestion_box(alice: Any, units: Any) -> None:
    c = open_draft(alice, units.commune_a)
    r = client_for(alice).post(
        f"/democracy/lay-y-kien/{c.pk}/record_comment/",
        {
            "comment-version": c.version,
            "comment-channel": "suggestion_box",
            "comment-content": "Cần thêm cây xanh.",
            "comment-part": "",
        },
    )
    assert r.status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.channel == "suggestion_box" and comment.entered_by == alice and comment.part is None


def test_opinions_are_grouped_by_part_and_the_answer_is_published(
    root: Any, hanna: Any, units: Any, client: Any
) -> None:
    c = open_draft(root, units.commune_a)
    p1, p3 = c.parts.get(number=1), c.parts.get(number=3)
    a = services.submit_comment(consultation=c, content="Mở rộng phạm vi", part_id=p1.pk)
    b = services.submit_comment(consultation=c, content="Tái định cư tại chỗ", part_id=p3.pk)
    g = services.submit_comment(consultation=c, content="Đồng ý chung")
    groups = selectors.opinions_by_part(c)
    assert [grp.title for grp in groups] == [
        "Ý kiến chung về dự thảo",
        "1. Phạm vi quy hoạch",
        "3. Tái định cư",
    ]
    c = services.close_consultation(actor=root, consultation=c)
    with pytest.raises(Refused, match="Còn 3 ý kiến chưa được tiếp thu"):
        services.publish_answer(actor=hanna, consultation=c, answer="Báo cáo")
    with pytest.raises(Refused, match="lý do không tiếp thu"):
        services.respond(actor=root, consultation=c, comment_id=a.pk, disposition="explained", response="")
    c = services.respond(
        actor=root, consultation=c, comment_id=a.pk, disposition="explained", response="Quỹ đất không đủ."
    )
    c = services.respond(
        actor=root, consultation=c, comment_id=b.pk, disposition="accepted", response="Bố trí tại thôn."
    )
    c = services.respond(actor=root, consultation=c, comment_id=g.pk, disposition="accepted", response="")
    r = client_for(hanna).post(
        f"/democracy/lay-y-kien/{c.pk}/publish_answer/",
        {"answer-version": c.version, "answer-answer": "Xã tiếp thu 2 ý kiến, giải trình 1 ý kiến."},
    )
    assert r.status_code == 302
    page = client.get(f"/democracy/gop-y/{c.pk}/").content.decode()
    assert "Xã tiếp thu 2 ý kiến" in page and "Quỹ đất không đủ." in page and "Giải trình" in page


def test_an_officer_cannot_publish_the_answer_only_the_head_can(alice: Any, units: Any) -> None:
    c = open_draft(alice, units.commune_a)
    c = services.close_consultation(actor=alice, consultation=c)
    page = client_for(alice).get(f"/democracy/lay-y-kien/{c.pk}/").content.decode()
    assert 'data-action="publish_answer"' not in page


def test_a_draft_consultation_is_not_public(root: Any, units: Any, client: Any) -> None:
    c = services.create_consultation(
        actor=root, unit=units.commune_a, title="Nháp", matter="other", summary="Nội dung", parts=[]
    )
    assert client.get(f"/democracy/gop-y/{c.pk}/").status_code == 404


def test_a_deadline_before_the_opening_is_refused(root: Any, units: Any) -> None:
    c = services.create_consultation(
        actor=root, unit=units.commune_a, title="Nháp", matter="other", summary="Nội dung", parts=[]
    )
    with pytest.raises(Refused, match="Hạn góp ý phải sau ngày bắt đầu"):
        services.open_consultation(
            actor=root,
            consultation=c,
            opens_on=clock.today(),
            closes_on=clock.today() - dt.timedelta(days=1),
            channels=["web"],
        )


def test_bob_cannot_see_commune_a_consultations(root: Any, bob: Any, units: Any) -> None:
    c = open_draft(root, units.commune_a)
    assert client_for(bob).get(f"/democracy/lay-y-kien/{c.pk}/").status_code == 404
    assert c.title not in client_for(bob).get("/democracy/lay-y-kien/").content.decode()
