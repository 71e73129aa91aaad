"""Fixtures for the reporting tests: periods, a province officer, and test indicators computed from
records that exist in every installation (organisations per unit, audit rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.db.models import Count, Q

from danvan.accounts.models import Organisation, OrganisationKind
from danvan.conftest import Units, make_user
from danvan.reporting.catalogue import seed_catalogue
from danvan.reporting.models import IndicatorDefinition, Period
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator, unregister_indicator
from danvan.reporting.rollup import clear_memo
from danvan.territory.models import SUBTREE_END

ORGS = "test.organisations"
MTTQ_SHARE = "test.mttq_share"
LARGEST = "test.largest_unit_orgs"


def _orgs(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = Organisation.objects.values("unit_id").annotate(n=Count("id"))
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _orgs_records(path: str, start: dt.date, end: dt.date) -> Any:
    return Organisation.objects.filter(unit__path__gte=path, unit__path__lt=path + SUBTREE_END)


def _mttq_share(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Share of units (that have any organisation) with a Fatherland Front committee."""
    rows = Organisation.objects.values("unit_id").annotate(
        m=Count("id", filter=Q(kind=OrganisationKind.MTTQ))
    )
    return [UnitFigure(r["unit_id"], 1 if r["m"] else 0, 1) for r in rows]


TEST_INDICATORS = [
    Indicator(code=ORGS, name="Cơ quan, tổ chức (thử)", unit="tổ chức", aggregation="sum", module="accounts",
              compute=_orgs, drilldown=_orgs_records, order=1),
    Indicator(code=MTTQ_SHARE, name="Tỷ lệ đơn vị có MTTQ (thử)", unit="%", aggregation="ratio", module="accounts",
              compute=_mttq_share, order=2, max_value=100),
    Indicator(code=LARGEST, name="Số tổ chức lớn nhất ở một đơn vị (thử)", unit="tổ chức", aggregation="max",
              module="accounts", compute=_orgs, order=3),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_memo()
    yield
    clear_memo()


@pytest.fixture
def test_indicators() -> Iterator[list[Indicator]]:
    for indicator in TEST_INDICATORS:
        register_indicator(indicator)
    yield TEST_INDICATORS
    for indicator in TEST_INDICATORS:
        unregister_indicator(indicator.code)


MANUAL_COUNT = "test.models_registered"
MANUAL_SHARE = "test.commitments_kept"


@pytest.fixture
def seeded(db: None) -> None:
    """The seeded catalogue plus two manual indicators that no module computes, whatever is installed."""
    seed_catalogue()
    IndicatorDefinition.objects.create(
        code=MANUAL_COUNT, name="Mô hình đăng ký (nhập tay, thử)", unit="mô hình", aggregation="sum",
        module="manual", order=1, integer_only=True,
    )  # fmt: skip
    IndicatorDefinition.objects.create(
        code=MANUAL_SHARE, name="Tỷ lệ cam kết đã thực hiện (nhập tay, thử)", unit="%", aggregation="ratio",
        module="manual", order=2, max_value=100, integer_only=False,
    )  # fmt: skip


@pytest.fixture
def year(db: None, seeded: None) -> Period:
    return Period.objects.create(
        kind="annual", name="Năm 2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
    )


@pytest.fixture
def half(db: None, seeded: None) -> Period:
    return Period.objects.create(
        kind="six_month", name="6 tháng đầu năm 2026", start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)
    )


@pytest.fixture
def pat(units: Units) -> Any:
    """Officer of the province's Ban Tuyên giáo và Dân vận (acts for the upper level of communes A, B)."""
    return make_user("pat", units.province, "officer")


@pytest.fixture
def nora(units: Units) -> Any:
    """Officer at the central level (creates and closes periods)."""
    return make_user("nora", units.nation, "officer")


def add_orgs(unit: Any, kinds: list[str]) -> None:
    for i, kind in enumerate(kinds):
        Organisation.objects.create(unit=unit, kind=kind, name=f"{kind} {i} {unit.code}")
