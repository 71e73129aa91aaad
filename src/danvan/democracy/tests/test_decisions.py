"""Community decisions: meeting, ballot, online (with its conditions); counts checked; quorum; pass rule
as data; sent and recognised; the contributions ledger; village conventions posted ≥ 30 days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.democracy import selectors, services
from danvan.democracy.models import CommunityDecision, Contribution, DecisionRule

pytestmark = pytest.mark.django_db

COMMITTEE = ["Nguyễn Văn A", "Trần Thị B", "Lò Văn C"]


def meeting(root: Any, village: Any, matter: str = "contributions") -> CommunityDecision:
    return services.create_decision(
        actor=root, village=village, matter=matter, title="Bê tông hóa đường thôn", form="meeting"
    )


def test_a_village_meeting_records_a_household_vote_and_it_passes(
    root: Any, village: Any, alice: Any
) -> None:
    d = meeting(root, village)
    r = client_for(alice).post(
        f"/democracy/quyet-dinh/{d.pk}/record_result/",
        {
            "result-version": d.version,
            "result-held_on": clock.today().strftime("%d/%m/%Y"),
            "result-attended": 8,
            "result-agree": 6,
            "result-disagree": 2,
            "result-invalid": 0,
            "result-voting_method": "hands",
            "result-committee": "\n".join(COMMITTEE),
            "result-minutes": "Họp tại nhà văn hóa thôn.",
        },
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.state == "recorded" and d.households_total == 10 and d.quorum_met and d.passed
    assert d.history.filter(action="record_result").exists()


def test_agreement_of_half_the_households_is_not_enough(root: Any, village: Any) -> None:
    d = services.record_result(
        actor=root,
        decision=meeting(root, village),
        held_on=clock.today(),
        attended=10,
        agree=5,
        disagree=5,
        voting_method="hands",
    )
    assert d.quorum_met and not d.passed  # 5/10 is not more than 50 %


def test_the_pass_rule_is_data(root: Any, village: Any) -> None:
    DecisionRule.objects.update(pass_percent=40)
    d = services.record_result(
        actor=root,
        decision=meeting(root, village),
        held_on=clock.today(),
        attended=10,
        agree=5,
        disagree=5,
        voting_method="hands",
    )
    assert d.passed


def test_a_meeting_without_quorum_is_recorded_and_not_passed(root: Any, village: Any) -> None:
    d = services.record_result(
        actor=root,
        decision=meeting(root, village),
        held_on=clock.today(),
        attended=5,
        agree=5,
        disagree=0,
        voting_method="hands",
    )
    assert d.state == "recorded" and not d.quorum_met and not d.passed
    d = services.send_result(actor=root, decision=d)
    with pytest.raises(Refused, match="không được thông qua .*không đủ số đại diện hộ"):
        services.recognise(actor=root, decision=d, reference="15/QĐ-UBND")


def test_more_ballots_than_households_are_refused_and_nothing_is_saved(
    root: Any, village: Any, alice: Any
) -> None:
    d = services.create_decision(
        actor=root, village=village, matter="election", title="Bầu trưởng thôn", form="ballot"
    )
    with pytest.raises(Refused, match=r"Tổng số phiếu \(12\) nhiều hơn số hộ của thôn \(10\)"):
        services.record_result(
            actor=root,
            decision=d,
            held_on=clock.today(),
            attended=10,
            agree=9,
            disagree=3,
            committee=COMMITTEE,
        )
    r = client_for(alice).post(
        f"/democracy/quyet-dinh/{d.pk}/record_result/",
        {
            "result-version": d.version,
            "result-held_on": clock.today().strftime("%d/%m/%Y"),
            "result-attended": 11,
            "result-agree": 9,
            "result-disagree": 2,
            "result-committee": "\n".join(COMMITTEE),
        },
    )
    assert r.status_code == 400
    assert "Số đại diện hộ tham dự, trả lời (11) nhiều hơn số hộ của thôn (10)." in r.content.decode()
    d.refresh_from_db()
    assert d.state == "draft" and d.agree == 0 and not d.history.exists()


def test_ballots_need_a_counting_committee_of_three_to_five(root: Any, village: Any) -> None:
    d = services.create_decision(
        actor=root, village=village, matter="election", title="Bầu trưởng thôn", form="ballot"
    )
    with pytest.raises(Refused, match=r"Tổ kiểm phiếu phải có từ 3 đến 5 người \(đã ghi 2\)"):
        services.record_result(
            actor=root,
            decision=d,
            held_on=clock.today(),
            attended=9,
            agree=7,
            disagree=2,
            committee=COMMITTEE[:2],
        )


def test_online_voting_without_its_conditions_is_refused_with_the_reason(root: Any, village: Any) -> None:
    with pytest.raises(Refused, match="chỉ áp dụng cho công việc tự quản khác"):
        services.create_decision(
            actor=root,
            village=village,
            matter="contributions",
            title="Góp tiền",
            form="online",
            head_and_front_agree=True,
            social_group_chosen=True,
            households_have_means=True,
        )
    with pytest.raises(Refused, match="cộng đồng chưa chọn nhóm mạng xã hội hợp pháp"):
        services.create_decision(
            actor=root,
            village=village,
            matter="other",
            title="Giờ tắt loa",
            form="online",
            head_and_front_agree=True,
            households_have_means=True,
        )
    d = services.create_decision(
        actor=root,
        village=village,
        matter="other",
        title="Giờ tắt loa",
        form="online",
        head_and_front_agree=True,
        social_group_chosen=True,
        households_have_means=True,
    )
    d = services.record_result(actor=root, decision=d, held_on=clock.today(), attended=7, agree=6, disagree=1)
    assert d.passed and d.social_group_chosen
    assert CommunityDecision.objects.count() == 1


def test_the_result_is_sent_recognised_and_contributions_are_ledgered_and_published(
    root: Any, hanna: Any, village: Any, client: Any, units: Any
) -> None:
    d = services.record_result(
        actor=root,
        decision=meeting(root, village),
        held_on=clock.today(),
        attended=9,
        agree=8,
        disagree=1,
        voting_method="hands",
    )
    household = village.households.get(code="H001")
    with pytest.raises(Refused, match="sau khi quyết định đã được thông qua và UBND xã công nhận"):
        services.record_contribution(
            actor=root, decision=d, household=household, amount=500000, paid_on=clock.today()
        )
    d = services.send_result(actor=root, decision=d)
    r = client_for(hanna).post(
        f"/democracy/quyet-dinh/{d.pk}/recognise/",
        {"recognise-version": d.version, "recognise-reference": "21/QĐ-UBND"},
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.state == "recognised" and d.recognition_ref == "21/QĐ-UBND"
    r = client_for(hanna).post(
        f"/democracy/quyet-dinh/{d.pk}/dong-gop/",
        {
            "household": household.pk,
            "kind": "money",
            "amount": 500000,
            "paid_on": clock.today().strftime("%d/%m/%Y"),
        },
    )
    assert r.status_code == 302
    services.record_contribution(
        actor=root,
        decision=d,
        household=village.households.get(code="H002"),
        amount=300000,
        paid_on=clock.today(),
    )
    totals = selectors.contribution_totals(d)
    assert (totals.amount, totals.households, totals.of_households) == (800000, 2, 10)
    page = client.get(f"/democracy/xa/{units.commune_a.code}/cong-khai/").content.decode()
    assert "800000 đồng từ 2/10 hộ" in page


def test_a_contribution_from_another_village_is_refused(root: Any, village: Any, units: Any) -> None:
    other = services.register_village(actor=root, unit=units.commune_a, code="T02", name="Thôn 2")
    h = services.register_household(
        actor=root, unit=units.commune_a, village=other, code="X1", representative="A"
    )
    d = services.record_result(
        actor=root,
        decision=meeting(root, village),
        held_on=clock.today(),
        attended=9,
        agree=8,
        disagree=1,
        voting_method="hands",
    )
    d = services.recognise(
        actor=root, decision=services.send_result(actor=root, decision=d), reference="1/QĐ"
    )
    with pytest.raises(Refused, match="không thuộc thôn"):
        services.record_contribution(actor=root, decision=d, household=h, amount=1, paid_on=clock.today())
    assert not Contribution.objects.exists()


def test_a_convention_is_adopted_only_after_thirty_days_of_posting_and_then_recognised(
    root: Any, village: Any
) -> None:
    c = services.create_convention(
        actor=root, village=village, title="Hương ước thôn Nà Sla", text="Điều 1. ..."
    )
    c = services.post_convention(actor=root, convention=c, posted_on=clock.today() - dt.timedelta(days=10))
    early = services.record_result(
        actor=root,
        decision=meeting(root, village, matter="convention"),
        held_on=clock.today(),
        attended=9,
        agree=8,
        disagree=1,
        voting_method="hands",
    )
    early = services.send_result(actor=root, decision=early)
    with pytest.raises(Refused, match="phải niêm yết ít nhất 30 ngày"):
        services.adopt_convention(actor=root, convention=c, decision=early)
    c.refresh_from_db()
    assert c.state == "posted"
    conv = services.create_convention(actor=root, village=village, title="Quy ước 2", text="Điều 1.")
    conv = services.post_convention(
        actor=root, convention=conv, posted_on=clock.today() - dt.timedelta(days=31)
    )
    conv = services.adopt_convention(actor=root, convention=conv, decision=early)
    assert conv.state == "adopted"
    conv = services.recognise_convention(actor=root, convention=conv, reference="30/QĐ-UBND")
    assert conv.state == "recognised"


def test_bob_cannot_see_commune_a_decisions(root: Any, bob: Any, village: Any) -> None:
    d = meeting(root, village)
    assert client_for(bob).get(f"/democracy/quyet-dinh/{d.pk}/").status_code == 404
