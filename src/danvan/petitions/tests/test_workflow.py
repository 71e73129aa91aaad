from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection

from danvan.core import clock
from danvan.core.calendar import add_working_days
from danvan.core.models import AuditEntry
from danvan.petitions import rules, services
from danvan.petitions.models import DeadlineRule, Petition, PetitionHistory, State
from danvan.petitions.tests.conftest import petition_data

pytestmark = pytest.mark.django_db

DENUNCIATION = {
    "kind": "denunciation",
    "accused": "Ông Trần Văn Kế, cán bộ địa chính",
    "accused_act": "Nhận tiền của người dân khi làm thủ tục đất đai",
    "field": "dat_dai",
}


def test_the_full_path_received_accepted_in_progress_resolved_closed_writes_history_and_audit(
    make_data, alice
):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.accept(actor=alice, petition=p, version=p.version)
    assert p.state == State.ACCEPTED and p.handler == alice
    assert p.resolve_due == add_working_days(clock.today(), 10)
    p = services.start(actor=alice, petition=p, version=p.version)
    p = services.resolve(
        actor=alice,
        petition=p,
        answer="Đã sửa xong đường.",
        decision_ref="CV 12/UBND",
        answer_public=True,
        version=p.version,
    )
    assert p.resolved_on_time is True and p.due_date is None
    p = services.close(actor=alice, petition=p, version=p.version)
    moves = list(PetitionHistory.objects.filter(petition=p).values_list("from_state", "to_state"))
    assert moves == [
        ("", "received"),
        ("received", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]
    assert AuditEntry.objects.filter(object_id=str(p.pk), action="transition").count() == 4


def test_an_illegal_move_is_refused_with_a_message(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    with pytest.raises(
        services.Refused, match="Không thể chuyển đơn từ trạng thái “Đã tiếp nhận” sang “Đã giải quyết”"
    ):
        services.resolve(actor=alice, petition=p, answer="x")


def test_refusal_needs_a_legal_reason(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    with pytest.raises(services.Refused, match="lý do"):
        services.refuse(actor=alice, petition=p, reason=" ")
    p = services.refuse(
        actor=alice, petition=p, reason="Đơn khiếu nại đã quá thời hiệu (Điều 11 Luật Khiếu nại)."
    )
    assert p.state == State.REFUSED and p.due_date is None


def test_an_officer_of_another_commune_cannot_act(make_data, bob):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    with pytest.raises(PermissionDenied):
        services.accept(actor=bob, petition=p)


def test_of_two_officers_acting_on_the_same_version_one_wins_and_the_other_is_told(make_data, alice, hanna):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    seen = p.version
    services.accept(actor=alice, petition=p, version=seen)
    with pytest.raises(services.Conflict, match="vừa được người khác cập nhật"):
        services.refuse(actor=hanna, petition=p, version=seen, reason="Không thuộc thẩm quyền.")
    assert Petition.objects.get(pk=p.pk).state == State.ACCEPTED


@pytest.mark.django_db(transaction=True)
def test_two_officers_accepting_at_the_same_moment_in_two_threads_get_one_winner(units):
    from danvan.conftest import make_user

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("the in-memory SQLite test database cannot be shared by threads: this runs on PostgreSQL")
    alice = make_user("alice", units.commune_a, "officer")
    hanna = make_user("hanna", units.commune_a, "unit_head")
    p = services.submit_petition(actor=None, channel="web", data=petition_data(units))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user: object) -> None:
        try:
            barrier.wait()
            services.accept(actor=user, petition=p, version=p.version)
            outcomes.append("won")
        except services.Refused as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(u,)) for u in (alice, hanna)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("won") == 1 and len(outcomes) == 2
    loser = next(o for o in outcomes if o != "won")
    assert "vừa được người khác cập nhật" in loser
    assert PetitionHistory.objects.filter(petition_id=p.pk, action="accept").count() == 1


def test_a_transfer_moves_the_petition_to_the_competent_unit_with_its_reason(make_data, alice, bob, units):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    with pytest.raises(services.Refused, match="lý do"):
        services.transfer(actor=alice, petition=p, to_unit=units.commune_b, reason="")
    p = services.transfer(
        actor=alice, petition=p, to_unit=units.commune_b, reason="Sự việc thuộc địa bàn xã B."
    )
    assert p.state == State.TRANSFERRED and p.unit == units.commune_b
    p = services.accept(actor=bob, petition=p)
    assert p.state == State.ACCEPTED


def test_withdrawal_is_recorded_with_the_citizens_reason(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.withdraw(actor=alice, petition=p, reason="Người gửi có đơn xin rút ngày hôm nay.")
    assert p.state == State.WITHDRAWN and p.due_date is None


def test_denunciation_deadlines_count_working_days_and_more_when_several_places_must_be_checked(make_data):
    p = services.submit_petition(actor=None, channel="web", data=make_data(**DENUNCIATION))
    assert p.accept_due == add_working_days(clock.today(), 7)
    q = services.submit_petition(
        actor=None, channel="import", data=make_data(**DENUNCIATION, several_places="on")
    )
    assert q.accept_due == add_working_days(clock.today(), 10)


def test_complaint_resolution_deadlines_follow_remote_and_complex_variants(make_data, alice):
    known = clock.today().strftime("%d/%m/%Y")
    base = make_data(kind="complaint", decision_complained="QĐ 1", decision_known_on=known)
    expected = {(): 30, ("is_complex",): 45, ("is_remote_area",): 45, ("is_remote_area", "is_complex"): 60}
    for flags, days in expected.items():
        p = services.submit_petition(
            actor=alice,
            channel="desk",
            data={**base, **dict.fromkeys(flags, "on")},
            unit=alice.roles.first().unit,
        )
        p = services.accept(actor=alice, petition=p)
        assert p.resolve_due == clock.today() + dt.timedelta(days=days), flags


def test_a_rule_with_a_later_effective_date_replaces_the_old_one_from_that_day(make_data):
    today = clock.today()
    DeadlineRule.objects.create(
        kind="feedback", step="accept", variant="normal", days=5, working_days=False, effective_from=today
    )
    assert rules.due_date("feedback", "accept", "normal", today) == today + dt.timedelta(days=5)
    assert rules.due_date(
        "feedback", "accept", "normal", today - dt.timedelta(days=1)
    ) == today + dt.timedelta(days=9)


def test_a_denunciation_can_be_extended_twice_with_a_written_reason_but_a_complaint_cannot(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data(**DENUNCIATION))
    p = services.accept(actor=alice, petition=p)
    due = p.resolve_due
    assert due is not None
    with pytest.raises(services.Refused, match="văn bản"):
        services.extend(actor=alice, petition=p, reason="")
    p = services.extend(actor=alice, petition=p, reason="Vụ việc phức tạp, cần xác minh thêm.")
    p = services.extend(actor=alice, petition=p, reason="Đặc biệt phức tạp.")
    assert p.resolve_due == due + dt.timedelta(days=60)
    with pytest.raises(services.Refused, match="tối đa 2 lần"):
        services.extend(actor=alice, petition=p, reason="Lần ba.")
    known = clock.today().strftime("%d/%m/%Y")
    c = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(kind="complaint", decision_complained="QĐ", decision_known_on=known),
    )
    c = services.accept(actor=alice, petition=c)
    with pytest.raises(services.Refused, match="không cho phép gia hạn"):
        services.extend(actor=alice, petition=c, reason="Phức tạp.")


def test_overdue_and_due_soon_petitions_are_listed_per_unit_and_in_the_daily_digest(make_data, alice, units):
    from danvan.accounts.scoping import scope_for
    from danvan.petitions import selectors

    late = services.submit_petition(actor=None, channel="web", data=make_data(title="Đơn đã quá hạn thụ lý"))
    soon = services.submit_petition(actor=None, channel="web", data=make_data(title="Đơn sắp đến hạn"))
    services.submit_petition(actor=None, channel="web", data=make_data(place_code=units.commune_b.code))
    today = clock.today()
    Petition.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=2))
    Petition.objects.filter(pk=soon.pk).update(due_date=today + dt.timedelta(days=2))
    scope = scope_for(alice)
    assert list(selectors.petitions_for(scope, due="overdue")) == [late]
    assert list(selectors.petitions_for(scope, due="soon")) == [soon]
    assert selectors.deadline_counts(scope) == {"overdue": 1, "soon": 1}
    out = StringIO()
    call_command("petitions", "digest", stdout=out)
    text = out.getvalue()
    assert f"{units.commune_a.code} {units.commune_a.name}: 1 quá hạn, 1 đến hạn trong 3 ngày" in text
    assert late.tracking_code in text and soon.tracking_code in text


def test_the_officer_confirms_or_corrects_the_suggested_field(make_data, alice):
    from danvan.petitions.models import Field

    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.confirm_field(actor=alice, petition=p, field=Field.objects.get(code="ha_tang_giao_thong"))
    assert p.field is not None and p.field.code == "ha_tang_giao_thong" and p.field_confirmed


def test_satisfaction_is_rated_once_by_code_and_confirmation_key_after_closure(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    key = p.citizen_key
    with pytest.raises(services.Refused, match="sau khi hồ sơ đã kết thúc"):
        services.rate(code=p.tracking_code, key=key, rating=5)
    for move in (services.accept, services.start):
        p = move(actor=alice, petition=p)
    p = services.resolve(actor=alice, petition=p, answer="Đã xử lý.")
    p = services.close(actor=alice, petition=p)
    assert services.rate(code=p.tracking_code, key=key, rating=4, comment="Tốt").rating == 4
    with pytest.raises(services.Refused, match="đã được đánh giá"):
        services.rate(code=p.tracking_code, key=key, rating=1)
    with pytest.raises(services.Refused, match="Không tìm thấy hồ sơ"):
        services.rate(code="DV-XXXX-XXXX-XXXX", key=key, rating=3)
