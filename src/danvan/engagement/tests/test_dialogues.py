from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from danvan.core import clock
from danvan.core.models import AuditAction, AuditEntry
from danvan.core.workflow import Conflict, Refused
from danvan.engagement import services
from danvan.engagement.models import CommitmentState, DialogueHistory, DialogueState

from .helpers import announced, at, held, planned

pytestmark = pytest.mark.django_db


def test_a_dialogue_announced_seven_days_ahead_is_not_flagged(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=7))
    dialogue = services.announce_dialogue(actor=alice, dialogue=dialogue)
    assert dialogue.state == DialogueState.ANNOUNCED
    assert dialogue.announced_on == clock.today() and not dialogue.short_notice


def test_a_dialogue_announced_less_than_seven_days_ahead_needs_a_reason(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=3))
    with pytest.raises(Refused, match="ít hơn 7 ngày") as exc:
        services.announce_dialogue(actor=alice, dialogue=dialogue)
    assert exc.value.field == "reason"
    dialogue.refresh_from_db()
    assert dialogue.state == DialogueState.PLANNED


def test_a_late_announcement_with_a_reason_is_allowed_and_flagged(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=3))
    dialogue = services.announce_dialogue(actor=alice, dialogue=dialogue, reason="Sự cố môi trường khẩn cấp")
    assert dialogue.short_notice and dialogue.short_notice_reason == "Sự cố môi trường khẩn cấp"
    assert DialogueHistory.objects.filter(dialogue=dialogue, to_state=DialogueState.ANNOUNCED).get().reason


def test_a_dialogue_cannot_be_announced_without_place_or_content(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=10), place="", content="")
    with pytest.raises(Refused, match="thiếu địa điểm, nội dung"):
        services.announce_dialogue(actor=alice, dialogue=dialogue)


def test_a_dialogue_cannot_be_held_before_it_was_announced(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=20)
    dialogue = announced(alice, units.commune_a, day)  # announced 10 days before `day`
    with pytest.raises(Refused, match="trước ngày thông báo"):
        services.hold_dialogue(actor=alice, dialogue=dialogue, held_on=day - dt.timedelta(days=15))
    dialogue.refresh_from_db()
    assert dialogue.state == DialogueState.ANNOUNCED and dialogue.held_on is None


def test_a_planned_dialogue_cannot_jump_to_held(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() - dt.timedelta(days=5))
    with pytest.raises(Refused, match="Không thể chuyển"):
        services.hold_dialogue(actor=alice, dialogue=dialogue, held_on=clock.today())


def test_results_published_after_ten_days_are_flagged_late(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=30)
    dialogue = held(alice, units.commune_a, day)
    dialogue = services.publish_results(
        actor=alice,
        dialogue=dialogue,
        results_summary="Đã trả lời 5 ý kiến.",
        published_on=day + dt.timedelta(days=11),
    )
    assert dialogue.state == DialogueState.PUBLISHED and dialogue.published_late


def test_results_published_within_ten_days_are_not_flagged(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=30)
    dialogue = held(alice, units.commune_a, day)
    dialogue = services.publish_results(
        actor=alice, dialogue=dialogue, results_summary="Kết quả.", published_on=day + dt.timedelta(days=10)
    )
    assert not dialogue.published_late


def test_results_cannot_be_published_before_the_dialogue_was_held(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=30)
    dialogue = held(alice, units.commune_a, day)
    with pytest.raises(Refused, match="trước ngày tổ chức"):
        services.publish_results(
            actor=alice,
            dialogue=dialogue,
            results_summary="Kết quả.",
            published_on=day - dt.timedelta(days=1),
        )


def test_every_move_writes_a_history_row_and_an_audit_row(alice: Any, units: Any) -> None:
    day = clock.today() - dt.timedelta(days=30)
    dialogue = held(alice, units.commune_a, day)
    services.publish_results(actor=alice, dialogue=dialogue, results_summary="Kết quả.", published_on=day)
    moves = list(
        DialogueHistory.objects.filter(dialogue=dialogue).values_list("action", "from_state", "to_state")
    )
    assert moves == [
        ("create", "", "planned"),
        ("announce", "planned", "announced"),
        ("hold", "announced", "held"),
        ("publish", "held", "published"),
    ]
    audited = AuditEntry.objects.filter(object_type="engagement.dialogue", object_id=str(dialogue.pk))
    assert list(audited.values_list("action", flat=True)) == ["create"] + ["transition"] * 3


def test_two_officers_acting_on_the_same_version_one_gets_a_clear_message(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=10))
    version = dialogue.version
    services.announce_dialogue(actor=alice, dialogue=dialogue, version=version)
    with pytest.raises(Conflict, match="vừa được người khác cập nhật"):
        services.cancel_dialogue(actor=alice, dialogue=dialogue, reason="Trùng lịch", version=version)


def test_an_officer_of_another_commune_cannot_plan_a_dialogue_here(bob: Any, units: Any) -> None:
    with pytest.raises(PermissionDenied):
        planned(bob, units.commune_a, clock.today() + dt.timedelta(days=10))


def test_a_host_of_the_wrong_level_is_refused(alice: Any, units: Any) -> None:
    with pytest.raises(Refused, match="không thuộc cấp"):
        planned(alice, units.commune_a, clock.today() + dt.timedelta(days=10), host_role="province_secretary")


def test_a_citizen_question_is_accepted_only_while_the_dialogue_is_announced(alice: Any, units: Any) -> None:
    dialogue = planned(alice, units.commune_a, clock.today() + dt.timedelta(days=10))
    with pytest.raises(Refused, match="không còn nhận câu hỏi"):
        services.submit_question(actor=None, dialogue=dialogue, text="Đường thôn 3 bao giờ sửa ạ?")
    dialogue = services.announce_dialogue(actor=alice, dialogue=dialogue)
    question = services.submit_question(
        actor=None,
        dialogue=dialogue,
        text="Đường thôn 3 bao giờ sửa ạ?",
        name="Lò Văn Dân",
        contact="0912345678",
    )
    assert "Lò Văn Dân" not in question.asker_name_enc and "0912345678" not in question.asker_contact_enc


def test_the_asker_identity_is_shown_to_the_head_with_an_audit_row_and_refused_to_others(
    alice: Any, hanna: Any, bob: Any, carol: Any, units: Any
) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=12))
    question = services.submit_question(
        actor=None, dialogue=dialogue, text="Xin hỏi về trợ cấp?", name="Lò Văn Dân"
    )
    assert services.reveal_asker(actor=hanna, question=question) == ("Lò Văn Dân", "")
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_CONFIDENTIAL, actor_id=hanna.pk).count() == 1
    assert services.reveal_asker(actor=alice, question=question)[0] == "Lò Văn Dân"  # officer in charge
    for outsider in (bob, carol):
        with pytest.raises(PermissionDenied):
            services.reveal_asker(actor=outsider, question=question)


def test_a_commitment_without_an_owner_is_refused_with_a_clear_message(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=3))
    with pytest.raises(Refused, match="phải có người chịu trách nhiệm"):
        services.create_commitment(
            actor=alice,
            dialogue=dialogue,
            content="Sửa đường",
            owner=None,
            due_date=clock.today() + dt.timedelta(days=30),
        )


def test_a_commitment_without_a_due_date_is_refused_with_a_clear_message(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=3))
    with pytest.raises(Refused, match="phải có hạn thực hiện"):
        services.create_commitment(
            actor=alice, dialogue=dialogue, content="Sửa đường", owner=alice, due_date=None
        )


def test_a_commitment_due_before_it_was_made_is_refused(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=3))
    with pytest.raises(Refused, match="trước ngày cam kết"):
        services.create_commitment(
            actor=alice,
            dialogue=dialogue,
            content="Sửa đường",
            owner=alice,
            due_date=clock.today() - dt.timedelta(days=10),
        )


def test_a_commitment_is_followed_until_done_and_kept_on_time(alice: Any, hanna: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=20))
    commitment = services.create_commitment(
        actor=alice, dialogue=dialogue, content="Nạo vét kênh", owner=hanna, due_date=clock.today()
    )
    assert commitment.made_on == clock.today() - dt.timedelta(days=20)
    commitment = services.follow_up_commitment(
        actor=alice, commitment=commitment, state=CommitmentState.IN_PROGRESS
    )
    commitment = services.follow_up_commitment(
        actor=hanna,
        commitment=commitment,
        state=CommitmentState.DONE,
        done_on=clock.today() - dt.timedelta(days=1),
    )
    assert commitment.kept_on_time
    with pytest.raises(Refused, match="Không thể chuyển cam kết"):
        services.follow_up_commitment(actor=alice, commitment=commitment, state=CommitmentState.IN_PROGRESS)
    assert list(commitment.history.values_list("to_state", flat=True)) == ["open", "in_progress", "done"]


def test_a_commitment_can_be_closed_only_with_an_explanation(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=20))
    commitment = services.create_commitment(
        actor=alice, dialogue=dialogue, content="Xây cầu", owner=alice, due_date=clock.today()
    )
    with pytest.raises(Refused, match="giải trình"):
        services.follow_up_commitment(actor=alice, commitment=commitment, state=CommitmentState.EXPLAINED)
    commitment = services.follow_up_commitment(
        actor=alice, commitment=commitment, state=CommitmentState.EXPLAINED, note="Chưa có vốn."
    )
    assert commitment.explanation == "Chưa có vốn." and not commitment.kept_on_time


def test_dates_in_the_future_cannot_be_recorded_as_held(alice: Any, units: Any) -> None:
    dialogue = announced(alice, units.commune_a, clock.today() + dt.timedelta(days=1), reason="x")
    with pytest.raises(Refused, match="tương lai"):
        services.hold_dialogue(actor=alice, dialogue=dialogue, held_on=clock.today() + dt.timedelta(days=1))


def test_naive_start_times_are_refused(alice: Any, units: Any) -> None:
    with pytest.raises(Refused, match="múi giờ"):
        planned(alice, units.commune_a, clock.today(), starts_at=at(clock.today()).replace(tzinfo=None))
