from __future__ import annotations

from typing import Any

import pytest

from danvan.accounts.models import Organisation
from danvan.conftest import Units
from danvan.core.workflow import Refused
from danvan.reporting import selectors, services
from danvan.reporting.catalogue import catalogue
from danvan.reporting.models import IndicatorSnapshot, Period
from danvan.reporting.rollup import figures_for_period, unit_index
from danvan.reporting.tests.conftest import LARGEST, MANUAL_COUNT, MANUAL_SHARE, MTTQ_SHARE, ORGS, add_orgs

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(units: Units) -> Units:
    """A small tree: commune A has 3 organisations (one MTTQ), commune B 2 (none MTTQ), the province 1,
    commune C (another province) 4 (one MTTQ)."""
    Organisation.objects.all().delete()
    add_orgs(units.commune_a, ["mttq", "ubnd", "hoi_phu_nu"])
    add_orgs(units.commune_b, ["ubnd", "hoi_nong_dan"])
    add_orgs(units.province, ["ban_dan_van"])
    add_orgs(units.commune_c, ["mttq", "ubnd", "cap_uy", "hoi_ccb"])
    return units


def test_sum_indicators_roll_up_from_communes_to_the_province_and_the_nation(
    tree: Units, year: Period, test_indicators: Any
) -> None:
    figures = figures_for_period(year, codes=[ORGS])
    assert figures.value(ORGS, tree.commune_a.pk) == 3
    assert figures.value(ORGS, tree.commune_b.pk) == 2
    assert figures.value(ORGS, tree.province.pk) == 3 + 2 + 1  # its communes and its own records
    assert figures.value(ORGS, tree.other_province.pk) == 4
    assert figures.value(ORGS, tree.nation.pk) == 3 + 2 + 1 + 4


def test_ratio_indicators_are_weighted_by_their_denominators_not_averaged(
    tree: Units, year: Period, test_indicators: Any
) -> None:
    figures = figures_for_period(year, codes=[MTTQ_SHARE])
    # units with organisations in Lạng Sơn: commune A (has MTTQ), commune B (no), the province itself (no)
    assert figures.value(MTTQ_SHARE, tree.province.pk) == round(1 / 3 * 100, 2)
    # nation: A yes, B no, province no, C yes -> 2 of 4
    assert figures.value(MTTQ_SHARE, tree.nation.pk) == 50.0
    assert figures.pair(MTTQ_SHARE, tree.nation.pk) == (2.0, 4.0)


def test_max_indicators_keep_the_largest_figure_of_the_subtree(
    tree: Units, year: Period, test_indicators: Any
) -> None:
    figures = figures_for_period(year, codes=[LARGEST])
    assert figures.value(LARGEST, tree.province.pk) == 3
    assert figures.value(LARGEST, tree.nation.pk) == 4


def test_a_manual_share_rolls_up_as_the_sum_of_numerators_over_the_sum_of_bases(
    units: Units, year: Period, alice: Any, bob: Any
) -> None:
    services.enter_manual_figure(
        actor=alice, indicator_code=MANUAL_SHARE, unit=units.commune_a, period=year,
        value="3", denominator="4",
    )  # fmt: skip
    services.enter_manual_figure(
        actor=bob, indicator_code=MANUAL_SHARE, unit=units.commune_b, period=year,
        value=1, denominator=2,
    )  # fmt: skip
    figures = figures_for_period(year, codes=[MANUAL_SHARE])
    assert figures.value(MANUAL_SHARE, units.province.pk) == round(4 / 6 * 100, 2)  # not 62.5


def test_the_roll_up_of_all_indicators_takes_a_constant_number_of_queries_whatever_the_number_of_units(
    tree: Units, year: Period, test_indicators: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # the indicators of this module and the test ones (other modules' computations are theirs to count)
    mine = [i for i in catalogue() if i.module in ("accounts", "reporting") or i.compute is None]

    def data_queries(ctx: CaptureQueriesContext) -> list[str]:
        return [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]

    unit_index()  # the territory, loaded once per process
    with CaptureQueriesContext(connection) as before:
        figures_for_period(year, indicators=mine)
    communes = list(tree.province.children.all()[2:40])  # 38 more communes with records
    for commune in communes:
        add_orgs(commune, ["ubnd", "mttq"])
    with CaptureQueriesContext(connection) as after:
        figures = figures_for_period(year, indicators=mine)
    assert figures.value(ORGS, tree.province.pk) == 6 + 2 * len(communes)
    assert (
        len(data_queries(after)) == len(data_queries(before)) <= len(mine) + 1
    )  # ≤ one per indicator + stamp


def test_a_closed_period_keeps_its_frozen_figures_while_the_current_view_stays_live(
    tree: Units, year: Period, test_indicators: Any, nora: Any
) -> None:
    frozen_rows = services.close_period(actor=nora, period=year)
    assert frozen_rows >= 4
    assert IndicatorSnapshot.objects.filter(period=year, indicator_code=ORGS).count() == 4
    add_orgs(tree.commune_a, ["doan_thanh_nien", "cong_doan"])  # a later edit of the records
    year.refresh_from_db()
    frozen = figures_for_period(year, codes=[ORGS])
    assert not frozen.live
    assert frozen.value(ORGS, tree.province.pk) == 6
    current = figures_for_period(year, codes=[ORGS], live=True)
    assert current.value(ORGS, tree.province.pk) == 8


def test_drill_down_lists_the_units_and_then_the_records_behind_a_figure(
    tree: Units, year: Period, test_indicators: Any
) -> None:
    indicator = next(i for i in catalogue() if i.code == ORGS)
    data = selectors.drill_units(indicator, year, tree.province)
    by_code = {r["code"]: r["value"] for r in data["rows"]}
    assert data["total"] == 6
    assert by_code[tree.commune_a.code] == 3 and by_code[tree.commune_b.code] == 2
    assert sum(v or 0 for v in by_code.values()) == 5  # communes only; the province's own row is in the total
    records, total = selectors.drill_records(indicator, year, tree.commune_a)
    assert total == 3
    assert {r.unit_id for r in records} == {tree.commune_a.pk}


def test_a_target_for_an_unknown_indicator_is_refused_and_nothing_is_saved(
    units: Units, year: Period, carol: Any, pat: Any
) -> None:
    with pytest.raises(Refused, match="Không có chỉ tiêu mã"):
        services.set_target(
            actor=pat, indicator_code="khong.ton.tai", unit=units.province, period=year, value=10
        )
    from danvan.reporting.models import Target

    assert not Target.objects.exists()


def test_targets_give_the_achievement_of_a_unit(units: Units, year: Period, pat: Any, alice: Any) -> None:
    services.enter_manual_figure(
        actor=alice, indicator_code=MANUAL_COUNT, unit=units.commune_a, period=year, value=3
    )
    services.set_target(actor=pat, indicator_code=MANUAL_COUNT, unit=units.province, period=year, value="4")
    tables = selectors.build_tables(units.province, year)
    row = next(r for r in tables["rows"] if r["code"] == MANUAL_COUNT)
    assert (row["value"], row["target"], row["achievement"]) == (3, 4, 75.0)


@pytest.mark.parametrize(
    ("code", "value", "denominator", "message"),
    [
        (MANUAL_COUNT, "-2", None, "nhỏ hơn giá trị nhỏ nhất"),
        (MANUAL_COUNT, "2,5", None, "số nguyên"),
        (MANUAL_COUNT, "mười", None, "không phải là số"),
        (MANUAL_SHARE, "5", "4", "Tử số"),
        (MANUAL_SHARE, "1", "0", "Mẫu số"),
        ("reporting.tasks_due", "3", None, "tính tự động"),
    ],
)
def test_a_manual_figure_outside_its_range_or_type_is_refused_with_a_clear_message(
    units: Units, year: Period, alice: Any, code: str, value: str, denominator: str | None, message: str
) -> None:
    from danvan.reporting.models import ManualFigure

    with pytest.raises(Refused, match=message):
        services.enter_manual_figure(
            actor=alice,
            indicator_code=code,
            unit=units.commune_a,
            period=year,
            value=value,
            denominator=denominator,
        )
    assert not ManualFigure.objects.exists()


def test_an_officer_cannot_enter_figures_for_another_commune(units: Units, year: Period, alice: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.enter_manual_figure(
            actor=alice, indicator_code=MANUAL_COUNT, unit=units.commune_b, period=year, value=1
        )


def test_figures_cannot_be_entered_in_a_closed_period(
    units: Units, year: Period, alice: Any, nora: Any
) -> None:
    services.close_period(actor=nora, period=year)
    year.refresh_from_db()
    with pytest.raises(Refused, match="đã khóa số liệu"):
        services.enter_manual_figure(
            actor=alice, indicator_code=MANUAL_COUNT, unit=units.commune_a, period=year, value=1
        )
