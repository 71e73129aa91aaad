"""People's oversight: boards elected at a meeting, recommendations confirmed, sent, answered on time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import calendar, clock
from danvan.core.workflow import Refused
from danvan.democracy import selectors, services
from danvan.democracy.models import OversightBoard, Recommendation

pytestmark = pytest.mark.django_db

FIVE = [("Nguyễn Văn A", "head"), ("Trần Thị B", "deputy"), ("Lò Văn C", "member"), ("Vi Thị D", "member"),
        ("Hà Văn E", "member")]  # fmt: skip


def inspection_board(actor: Any, unit: Any) -> OversightBoard:
    return services.elect_board(
        actor=actor, unit=unit, kind="inspection", elected_on=clock.today() - dt.timedelta(days=60),
        election_note="Hội nghị đại biểu nhân dân xã", members=FIVE, plan="Kiểm tra thu chi quỹ.",
    )  # fmt: skip


def test_an_inspection_board_needs_five_members_and_one_head(root: Any, units: Any) -> None:
    with pytest.raises(Refused, match=r"ít nhất 5 thành viên \(đã ghi 3\)"):
        services.elect_board(actor=root, unit=units.commune_a, kind="inspection", elected_on=clock.today(),
                             election_note="Hội nghị", members=FIVE[:3])  # fmt: skip
    with pytest.raises(Refused, match="đúng một trưởng ban"):
        services.elect_board(actor=root, unit=units.commune_a, kind="inspection", elected_on=clock.today(),
                             election_note="Hội nghị", members=[(n, "member") for n, _r in FIVE])  # fmt: skip
    assert not OversightBoard.objects.exists()


def test_an_investment_board_has_a_project_and_at_most_two_deputies(root: Any, units: Any) -> None:
    members = [("A", "head"), ("B", "deputy"), ("C", "deputy"), ("D", "deputy")]
    with pytest.raises(Refused, match=r"tối đa 2 phó ban \(đã ghi 3\)"):
        services.elect_board(actor=root, unit=units.commune_a, kind="investment", project="Đường liên thôn",
                             elected_on=clock.today(), election_note="Hội nghị thôn", members=members)  # fmt: skip
    board = services.elect_board(actor=root, unit=units.commune_a, kind="investment", project="Đường liên thôn",
                                 elected_on=clock.today(), election_note="Hội nghị thôn", members=members[:3])  # fmt: skip
    assert board.members[0] == {"name": "A", "role": "head"}


def test_a_recommendation_is_confirmed_sent_and_answered_on_time(root: Any, alice: Any, units: Any) -> None:
    board = inspection_board(root, units.commune_a)
    client = client_for(alice)
    r = client.post(
        f"/democracy/giam-sat/{board.pk}/", {"finding": "Chi sai mục đích 5 triệu", "text": "Thu hồi"}
    )
    assert r.status_code == 302
    rec = Recommendation.objects.get()
    sent_on = clock.today() - dt.timedelta(days=3)
    rec = services.confirm(actor=root, recommendation=rec, confirmed_on=sent_on)
    rec = services.send_recommendation(actor=root, recommendation=rec, recipient="UBND xã", sent_on=sent_on)
    assert rec.due_on == calendar.add_working_days(sent_on, 15)
    r = client.post(
        f"/democracy/kien-nghi/{rec.pk}/record_reply/",
        {
            "reply-version": rec.version,
            "reply-reply": "Đã thu hồi đủ.",
            "reply-replied_on": clock.today().strftime("%d/%m/%Y"),
        },
    )
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.state == "answered" and rec.answered_on_time


def test_a_reply_past_the_deadline_is_flagged_overdue_then_late(root: Any, units: Any) -> None:
    board = inspection_board(root, units.commune_a)
    rec = services.create_recommendation(actor=root, board=board, finding="Chậm", text="Đề nghị xử lý")
    sent_on = clock.today() - dt.timedelta(days=40)
    rec = services.confirm(actor=root, recommendation=rec, confirmed_on=sent_on)
    rec = services.send_recommendation(actor=root, recommendation=rec, recipient="UBND xã", sent_on=sent_on)
    assert selectors.is_overdue(rec)
    assert list(
        selectors.recommendations_for(selectors.Scope(user_id=None, is_admin=True), overdue=True)
    ) == [rec]
    rec = services.record_reply(actor=root, recommendation=rec, reply="Đã xử lý", replied_on=clock.today())
    assert not rec.answered_on_time and not selectors.is_overdue(rec)


def test_a_recommendation_cannot_be_sent_before_the_front_confirms_it(root: Any, units: Any) -> None:
    board = inspection_board(root, units.commune_a)
    rec = services.create_recommendation(actor=root, board=board, finding="X", text="Y")
    with pytest.raises(Refused, match="đã được MTTQ xã xác nhận"):
        services.send_recommendation(
            actor=root, recommendation=rec, recipient="UBND xã", sent_on=clock.today()
        )


def test_bob_cannot_see_commune_a_boards(root: Any, bob: Any, units: Any) -> None:
    board = inspection_board(root, units.commune_a)
    assert client_for(bob).get(f"/democracy/giam-sat/{board.pk}/").status_code == 404
