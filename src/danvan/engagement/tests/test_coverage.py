"""Coverage figures on a hand-made set of units, checked against a hand computation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import make_user
from danvan.core import clock
from danvan.engagement import indicators, selectors, services
from danvan.engagement.models import CommitmentState, HeadRole
from danvan.reporting.registry import get_indicator
from danvan.territory.models import AdminUnit, Level

from .helpers import announced, held, planned

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def make_unit(code: str, level: int, parent: AdminUnit) -> AdminUnit:
    name = ("Tỉnh Thử " if level == Level.PROVINCE else "Xã Thử ") + code
    return AdminUnit.objects.create(
        code=code,
        name=name,
        short_name=name,
        division_type="tỉnh" if level == Level.PROVINCE else "xã",
        level=level,
        parent=parent,
        path=f"{parent.path}{code}/",
        folded_name=name.lower(),
    )


@pytest.fixture
def handmade(root: Any) -> dict[str, AdminUnit]:
    nation = AdminUnit.objects.get(level=Level.NATION)
    province = make_unit("T1", Level.PROVINCE, nation)
    communes = {f"c{i}": make_unit(f"T1{i:03d}", Level.COMMUNE, province) for i in range(1, 8)}
    return {"province": province, **communes}


def build(root: Any, u: dict[str, AdminUnit]) -> None:
    held(root, u["c1"], dt.date(2026, 3, 10))  # held by the head: counts
    held(root, u["c2"], dt.date(2026, 2, 10))  # held twice: counts once
    held(root, u["c2"], dt.date(2026, 5, 10))
    held(root, u["c3"], dt.date(2026, 3, 10), host_is_head=False)  # chaired by a deputy: does not count
    held(root, u["c4"], dt.date(2025, 12, 20))  # outside the period
    announced(root, u["c5"], dt.date(2026, 6, 20))  # announced only
    services.cancel_dialogue(
        actor=root, dialogue=planned(root, u["c6"], dt.date(2026, 4, 1)), reason="Mưa bão"
    )
    held(root, u["c7"], END)  # on the last day of the period: counts
    held(root, u["province"], dt.date(2026, 4, 2))


def test_dialogue_coverage_of_a_handmade_province_matches_a_hand_computation(
    root: Any, handmade: Any
) -> None:
    build(root, handmade)
    cov = selectors.coverage(handmade["province"], START, END)
    communes = cov.level(Level.COMMUNE)
    assert communes is not None
    # hand computation: c1, c2, c7 held by their head in the period out of 7 communes = 3/7 = 42.86%
    assert sorted(u.code for u in communes.held) == ["T1001", "T1002", "T1007"]
    assert sorted(u.code for u in communes.not_held) == ["T1003", "T1004", "T1005", "T1006"]
    assert communes.share == round(100 * 3 / 7, 2) == 42.86
    provinces = cov.level(Level.PROVINCE)
    assert provinces is not None and provinces.share == 100.0 and provinces.total == 1


def test_a_commune_subtree_has_only_that_commune_in_the_denominator(root: Any, handmade: Any) -> None:
    build(root, handmade)
    cov = selectors.coverage(handmade["c3"], START, END)
    assert cov.level(Level.PROVINCE) is None
    communes = cov.level(Level.COMMUNE)
    assert communes is not None and communes.total == 1 and communes.share == 0.0


def test_reception_compliance_matches_a_hand_computation(root: Any, handmade: Any) -> None:
    c1, c2 = handmade["c1"], handmade["c2"]
    january = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    # chairman of c1: 3 distinct days (one day twice), secretary of c1: 2 days; c2: chairman 5 days (capped at 4)
    for unit, role, days in [
        (c1, HeadRole.COMMUNE_CHAIRMAN, [6, 13, 13, 20]),
        (c1, HeadRole.COMMUNE_SECRETARY, [10, 25]),
        (c2, HeadRole.COMMUNE_CHAIRMAN, [5, 12, 19, 26, 27]),
    ]:
        for d in days:
            services.record_reception(
                actor=root,
                unit=unit,
                head_role=role,
                date=dt.date(2026, 1, d),
                receiver_name="Người đứng đầu",
            )
    cov = selectors.coverage(handmade["province"], *january)
    by = {(h.unit.code, h.head_role): h for h in cov.heads}
    assert (
        by[("T1001", HeadRole.COMMUNE_CHAIRMAN)].held_days,
        by[("T1001", HeadRole.COMMUNE_CHAIRMAN)].required,
    ) == (3, 4)
    assert by[("T1001", HeadRole.COMMUNE_SECRETARY)].met
    assert by[("T1002", HeadRole.COMMUNE_CHAIRMAN)].held_days == 5
    # 7 communes × (4 + 2) days + province (1 + 1) = 44 required; held (capped): 3 + 2 + 4 = 9
    assert (cov.reception_days_held, cov.reception_days_required) == (9, 44)
    assert cov.reception_compliance == round(100 * 9 / 44, 2)
    assert len(cov.heads_short) == 16 - 2  # 16 heads, two of them met the minimum
    figures = {f.unit_id: f for f in indicators.reception_compliance(*january)}
    assert (figures[c1.pk].numerator, figures[c1.pk].denominator) == (5, 6)
    assert len(figures) == AdminUnit.objects.filter(level__in=[1, 2]).count()


def test_questions_on_the_spot_and_commitments_kept_on_time_match_a_hand_computation(
    root: Any, handmade: Any
) -> None:
    day = dt.date(2026, 3, 10)
    dialogue = held(root, handmade["c1"], day)
    owner = make_user("owner-c1", handmade["c1"], "officer")
    for text, on_spot in [
        ("Câu hỏi một về đất?", True),
        ("Câu hỏi hai về đường?", True),
        ("Câu hỏi ba về rác?", False),
    ]:
        q = services.add_question(actor=root, dialogue=dialogue, text=text)
        services.answer_question(actor=root, question=q, answer="Trả lời.", on_spot=on_spot)
    services.add_question(actor=root, dialogue=dialogue, text="Câu hỏi bốn chưa trả lời?")
    kept = services.create_commitment(
        actor=root, dialogue=dialogue, content="A", owner=owner, due_date=dt.date(2026, 4, 1)
    )
    services.follow_up_commitment(
        actor=root, commitment=kept, state=CommitmentState.DONE, done_on=dt.date(2026, 4, 1)
    )
    late = services.create_commitment(
        actor=root, dialogue=dialogue, content="B", owner=owner, due_date=dt.date(2026, 4, 1)
    )
    services.follow_up_commitment(
        actor=root, commitment=late, state=CommitmentState.DONE, done_on=dt.date(2026, 4, 2)
    )
    services.create_commitment(
        actor=root, dialogue=dialogue, content="C", owner=owner, due_date=dt.date(2026, 5, 1)
    )
    services.create_commitment(
        actor=root, dialogue=dialogue, content="D (sau kỳ)", owner=owner, due_date=dt.date(2026, 9, 1)
    )
    cov = selectors.coverage(handmade["province"], START, END)
    assert (cov.questions_on_spot, cov.questions_total, cov.questions_on_spot_share) == (2, 4, 50.0)
    assert (cov.commitments_kept, cov.commitments_due) == (1, 3)
    assert cov.overdue_commitments == (1 if dt.date(2026, 5, 1) < clock.today() else 0)


def test_the_coverage_selector_runs_a_constant_number_of_queries(
    root: Any, handmade: Any, django_assert_num_queries: Any
) -> None:
    build(root, handmade)
    nation = AdminUnit.objects.get(level=Level.NATION)
    for unit in (handmade["c1"], handmade["province"], nation):
        # five grouped queries plus the overdue commitments counted at the as-of day (as the indicator does)
        with django_assert_num_queries(6):
            selectors.coverage(unit, START, END)


def test_the_coverage_indicators_return_every_commune_and_province(root: Any, handmade: Any) -> None:
    build(root, handmade)
    communes = list(get_indicator("engagement.dialogue_coverage_communes").compute(START, END))  # type: ignore[union-attr,misc]
    provinces = list(get_indicator("engagement.dialogue_coverage_provinces").compute(START, END))  # type: ignore[union-attr,misc]
    assert len(communes) == AdminUnit.objects.filter(level=Level.COMMUNE).count() == 3321 + 7
    assert len(provinces) == 35
    mine = [f for f in communes if f.unit_id in {u.pk for u in handmade.values()}]
    assert sum(f.numerator for f in mine) / sum(f.denominator for f in mine) == 3 / 7
    drill = get_indicator("engagement.dialogue_coverage_communes").drilldown  # type: ignore[union-attr]
    # the commune figure's records: the dialogues held by commune heads (3 communes of 7 held one), the
    # province's own dialogue belongs to the province figure
    records = drill(handmade["province"].path, START, END) if drill is not None else None
    assert records is not None and records.count() == 4 and len({d.unit_id for d in records}) == 3


def test_the_question_counters_follow_every_question_and_answer(root: Any, handmade: Any) -> None:
    dialogue = announced(root, handmade["c1"], dt.date(2026, 3, 10))
    services.submit_question(actor=None, dialogue=dialogue, text="Câu hỏi gửi trước về đất?")
    dialogue = services.hold_dialogue(actor=root, dialogue=dialogue, held_on=dt.date(2026, 3, 10))
    on_site = services.add_question(actor=root, dialogue=dialogue, text="Câu hỏi tại hội nghị về rác?")
    services.answer_question(actor=root, question=on_site, answer="Trả lời.", on_spot=True)
    services.answer_question(actor=root, question=on_site, answer="Trả lời lại.", on_spot=True)
    first = dialogue.questions.order_by("id").first()
    assert first is not None
    services.answer_question(actor=root, question=first, answer="Trả lời.", on_spot=True)
    services.answer_question(actor=root, question=first, answer="Trả lời bằng văn bản sau.", on_spot=False)
    dialogue.refresh_from_db()
    assert (dialogue.questions_count, dialogue.answered_on_spot_count) == (2, 1)
    assert dialogue.questions.count() == 2 and dialogue.questions.filter(answered_on_spot=True).count() == 1


def test_coverage_agrees_with_a_naive_per_unit_count_on_random_records(root: Any, handmade: Any) -> None:
    import random

    from danvan.engagement.models import Dialogue

    rng = random.Random(7)
    communes = [u for key, u in handmade.items() if key != "province"]
    for _ in range(12):
        unit = rng.choice(communes)
        day = dt.date(2025, 11, 1) + dt.timedelta(days=rng.randrange(300))
        held(root, unit, day, host_is_head=rng.random() < 0.7)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    naive = {
        u.code
        for u in communes
        if any(
            d.host_is_head and d.held_on is not None and start <= d.held_on <= end
            for d in Dialogue.objects.filter(unit=u)
        )
    }
    level = selectors.coverage(handmade["province"], start, end).level(Level.COMMUNE)
    assert level is not None
    assert {u.code for u in level.held} == naive
    assert level.share == round(100 * len(naive) / len(communes), 2)
