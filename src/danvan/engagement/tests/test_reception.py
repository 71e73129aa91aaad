from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from danvan.core.models import AuditAction, AuditEntry
from danvan.core.workflow import Refused
from danvan.engagement import selectors, services
from danvan.engagement.models import HeadRole, Mode, Receiver, ReceptionCitizen, ReceptionRule
from danvan.engagement.services import CitizenInput

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2026, 6, 15)
AFTER = dt.date(2026, 7, 15)


def record(actor: Any, unit: Any, day: dt.date, **extra: Any) -> Any:
    values: dict[str, Any] = {"head_role": HeadRole.COMMUNE_CHAIRMAN, "receiver_name": "Hoàng Văn Chủ tịch"}
    values.update(extra)
    return services.record_reception(actor=actor, unit=unit, date=day, **values)


def test_the_rule_table_is_seeded_with_the_legal_minimums_and_the_2026_change() -> None:
    chairman = selectors.required_days(
        list(ReceptionRule.objects.all()),
        HeadRole.COMMUNE_CHAIRMAN,
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 31),
    )
    assert chairman == 4  # Mondays 5, 12, 19, 26 January 2026
    assert selectors.required_by_role(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == {
        HeadRole.COMMUNE_CHAIRMAN: 52,
        HeadRole.COMMUNE_SECRETARY: 24,
        HeadRole.PROVINCE_CHAIRMAN: 12,
        HeadRole.PROVINCE_SECRETARY: 12,
    }
    new = services.rule_in_force(HeadRole.COMMUNE_SECRETARY, AFTER)
    old = services.rule_in_force(HeadRole.COMMUNE_SECRETARY, BEFORE)
    assert new is not None and old is not None
    assert (old.delegation_allowed, old.online_allowed) == (True, False)
    assert (new.delegation_allowed, new.online_allowed, new.effective_from) == (
        False,
        True,
        dt.date(2026, 7, 1),
    )


def test_an_edited_rule_changes_the_required_days_without_touching_code() -> None:
    ReceptionRule.objects.filter(head_role=HeadRole.PROVINCE_CHAIRMAN, effective_to__isnull=True).update(
        effective_to=dt.date(2026, 12, 31)
    )
    ReceptionRule.objects.create(
        head_role=HeadRole.PROVINCE_CHAIRMAN,
        days_required=2,
        period="month",
        effective_from=dt.date(2027, 1, 1),
    )
    assert (
        selectors.required_by_role(dt.date(2026, 12, 1), dt.date(2027, 2, 28))[HeadRole.PROVINCE_CHAIRMAN]
        == 5
    )


def test_a_deputy_may_receive_before_1_july_2026_but_not_after(alice: Any, units: Any) -> None:
    session = record(
        alice, units.commune_a, BEFORE, received_by=Receiver.DEPUTY, receiver_name="Phó Chủ tịch"
    )
    assert session.received_by == Receiver.DEPUTY
    with pytest.raises(Refused, match="không được ủy quyền cho cấp phó") as exc:
        record(alice, units.commune_a, AFTER, received_by=Receiver.DEPUTY, receiver_name="Phó Chủ tịch")
    assert exc.value.field == "received_by"


def test_online_reception_is_allowed_only_from_1_july_2026(alice: Any, units: Any) -> None:
    with pytest.raises(Refused, match="chưa cho phép tiếp công dân trực tuyến"):
        record(alice, units.commune_a, BEFORE, mode=Mode.ONLINE)
    assert record(alice, units.commune_a, AFTER, mode=Mode.ONLINE).mode == Mode.ONLINE


def test_a_reception_day_in_the_future_is_refused(alice: Any, units: Any) -> None:
    with pytest.raises(Refused, match="tương lai"):
        record(alice, units.commune_a, services.today() + dt.timedelta(days=1))


def test_a_head_of_the_wrong_level_is_refused(alice: Any, units: Any) -> None:
    with pytest.raises(Refused, match="không thuộc cấp"):
        record(alice, units.commune_a, BEFORE, head_role=HeadRole.PROVINCE_CHAIRMAN)


def test_citizen_identities_are_encrypted_at_rest(alice: Any, units: Any) -> None:
    session = record(
        alice, units.commune_a, BEFORE, citizens=[CitizenInput("Lò Thị Bí Mật", "Thôn 4", "0987654321")]
    )
    row = ReceptionCitizen.objects.get(session=session)
    assert "Bí Mật" not in row.name_enc and "0987654321" not in row.phone_enc
    assert session.citizens_count == 1


def test_the_unit_head_sees_identities_with_an_audit_row(alice: Any, hanna: Any, units: Any) -> None:
    session = record(alice, units.commune_a, BEFORE, citizens=[CitizenInput("Lò Thị Bí Mật", "Thôn 4")])
    identities = services.reveal_reception_identities(actor=hanna, session=session)
    assert [(i.name, i.address) for i in identities] == [("Lò Thị Bí Mật", "Thôn 4")]
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_CONFIDENTIAL)
    assert entry.actor_id == hanna.pk and "Bí Mật" not in entry.summary


def test_the_officer_in_charge_sees_identities_but_other_officers_and_supervisors_do_not(
    alice: Any, victor: Any, carol: Any, units: Any
) -> None:
    session = record(alice, units.commune_a, BEFORE, citizens=[CitizenInput("Lò Thị Bí Mật")])
    assert services.reveal_reception_identities(actor=alice, session=session)[0].name == "Lò Thị Bí Mật"
    for other in (victor, carol):
        with pytest.raises(PermissionDenied):
            services.reveal_reception_identities(actor=other, session=session)


def test_a_matter_needs_a_summary(alice: Any, units: Any) -> None:
    session = record(alice, units.commune_a, BEFORE)
    with pytest.raises(Refused, match="nội dung vụ việc"):
        services.add_matter(actor=alice, session=session, summary="  ")
    assert services.add_matter(actor=alice, session=session, summary="Tranh chấp ranh giới đất").pk


def test_a_schedule_needs_a_weekday_or_valid_days_of_month(alice: Any, units: Any) -> None:
    base = {
        "unit": units.commune_a,
        "head_role": HeadRole.COMMUNE_SECRETARY,
        "head_name": "Bí thư",
        "location": "Trụ sở",
    }
    with pytest.raises(Refused, match="thứ tiếp hằng tuần hoặc nhập các ngày"):
        services.save_schedule(actor=alice, **base)
    with pytest.raises(Refused, match="từ 1 đến 31"):
        services.save_schedule(actor=alice, month_days="10, 32", **base)
    schedule = services.save_schedule(actor=alice, month_days="25,10", **base)
    assert schedule.month_days == "10, 25"
    assert schedule.planned_days(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == [
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 25),
    ]
    again = services.save_schedule(actor=alice, weekday=3, **base)
    assert again.pk == schedule.pk and again.weekday == 3


def test_reception_compliance_from_the_counts_equals_its_recount_and_counts_two_sessions_of_a_day_once(
    alice: Any, units: Any
) -> None:
    from danvan.engagement import indicators
    from danvan.engagement.models import ReceptionSession
    from danvan.reporting import counts

    record(alice, units.commune_a, BEFORE)
    record(alice, units.commune_a, BEFORE, receiver_name="Phó chủ tịch")
    record(alice, units.commune_a, BEFORE + dt.timedelta(days=7))
    record(alice, units.commune_a, AFTER, head_role=HeadRole.COMMUNE_SECRETARY, receiver_name="Bí thư")
    assert counts.mismatches() == []
    for start, end in ((dt.date(2026, 1, 1), dt.date(2026, 12, 31)), (BEFORE, BEFORE), (BEFORE, AFTER)):
        ours = sorted(indicators.reception_compliance(start, end))
        assert ours == sorted(indicators.reception_compliance_recount(start, end)), (start, end)
    year = {f.unit_id: f for f in indicators.reception_compliance(dt.date(2026, 1, 1), dt.date(2026, 12, 31))}
    # the chairman: two days (three sessions); the secretary: one
    assert year[units.commune_a.pk].numerator == 3.0
    ReceptionSession.objects.filter(unit=units.commune_a, date=BEFORE).delete()  # a write past the services
    assert counts.mismatches() == []
    year = {f.unit_id: f for f in indicators.reception_compliance(dt.date(2026, 1, 1), dt.date(2026, 12, 31))}
    assert year[units.commune_a.pk].numerator == 2.0
