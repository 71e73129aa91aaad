from __future__ import annotations

import json
import re
from typing import Any

import pytest

from danvan.conftest import Units, client_for
from danvan.core.text import transliterate
from danvan.reporting import services
from danvan.reporting.models import ManualFigure, Period, Target
from danvan.reporting.tests.conftest import MANUAL_COUNT, ORGS, add_orgs
from danvan.reporting.tests.test_reports import SECTIONS

pytestmark = pytest.mark.django_db


def _chart(html: str, chart_id: str) -> dict[str, Any]:
    match = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, chart_id
    return json.loads(match[1])


def assert_chart_equals_table(html: str, chart_id: str) -> None:
    """The labels and values a chart draws are those of the table beside it (same formatter)."""
    from danvan.core.numbers import format_number

    config = _chart(html, chart_id)
    table = html.split(f'data-chart-table="{chart_id}"')[1].split("</table>")[0]
    rows = [
        re.findall(r"<td[^>]*>(.*?)</td>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1])
    ]
    percent = config["options"]["danvan"]["percent"]
    assert [r[0] for r in rows] == config["data"]["labels"], chart_id
    for k, dataset in enumerate(config["data"]["datasets"], start=1):
        assert [format_number(v, percent=percent) for v in dataset["data"]] == [r[k] for r in rows], chart_id
    horizontal = config["options"].get("indexAxis") == "y"
    if horizontal:  # every bar carries its unit's name
        assert config["options"]["scales"]["y"]["ticks"]["autoSkip"] is False
    if percent:  # shares alone on a 0-100 axis
        assert config["options"]["scales"]["x" if horizontal else "y"]["max"] == 100


def test_the_national_dashboard_shows_targets_a_trend_a_ranking_and_units_not_reported(
    units: Units, year: Period, dave: Any, pat: Any, alice: Any, nora: Any, test_indicators: Any
) -> None:
    from danvan.accounts.models import Organisation

    Organisation.objects.all().delete()
    add_orgs(units.commune_a, ["ubnd", "mttq"])
    add_orgs(units.commune_c, ["ubnd"])
    services.set_target(actor=nora, indicator_code=ORGS, unit=units.nation, period=year, value=4)
    report = services.start_report(actor=pat, unit=units.province, period=year)
    report = services.update_report(actor=pat, report=report, version=report.version, **SECTIONS)
    services.submit_report(actor=pat, report=report)
    html = client_for(dave).get(f"/reporting/?period={year.pk}&rank={ORGS}").content.decode()
    assert "Toàn quốc" in html or units.nation.name in html
    assert 'data-code="test.organisations">3<' in html and "75,0%" in html  # 3 of a target of 4
    ranking = _chart(html, "chart-ranking")
    assert ranking["data"]["labels"][:2] == [units.province.name, units.other_province.name]
    assert ranking["data"]["datasets"][0]["data"][:2] == [2, 1]
    # every month of the period, and every chart beside a table of the same numbers
    counts = _chart(html, "chart-counts")
    assert counts["data"]["labels"] == [f"{m:02d}/2025" for m in range(1, 13)]
    for chart_id in ("chart-ranking", "chart-counts"):
        assert_chart_equals_table(html, chart_id)
    missing = html.split('data-testid="missing"')[1].split("</table>")[0]
    assert units.other_province.name in missing and units.province.name not in missing


def test_the_dashboard_of_a_commune_officer_is_limited_to_the_commune(
    units: Units, year: Period, alice: Any
) -> None:
    client = client_for(alice)
    assert client.get(f"/reporting/?period={year.pk}").status_code == 200
    assert client.get(f"/reporting/?period={year.pk}&unit={units.province.code}").status_code == 404
    assert (
        client.get(f"/reporting/indicators/{ORGS}/?period={year.pk}&unit={units.commune_b.code}").status_code
        == 404
    )


def test_the_catalogue_lists_registered_and_manual_indicators(
    units: Units, year: Period, alice: Any, test_indicators: Any
) -> None:
    html = client_for(alice).get("/reporting/indicators/").content.decode()
    assert 'data-code="test.organisations"' in html and f'data-code="{MANUAL_COUNT}"' in html
    assert 'data-code="reporting.tasks_on_time"' in html
    assert "Tự động" in html and "Nhập tay" in html


def test_the_drill_down_pages_show_units_then_records(
    units: Units, year: Period, carol: Any, test_indicators: Any
) -> None:
    from danvan.accounts.models import Organisation

    Organisation.objects.all().delete()
    add_orgs(units.commune_a, ["ubnd", "mttq"])
    client = client_for(carol)
    html = client.get(f"/reporting/indicators/{ORGS}/?period={year.pk}").content.decode()
    assert f'data-unit="{units.commune_a.code}"' in html
    records = client.get(
        f"/reporting/indicators/{ORGS}/records/?period={year.pk}&unit={units.commune_a.code}"
    )
    assert records.status_code == 200 and "ubnd 0" in records.content.decode()


def test_manual_figures_and_targets_are_entered_through_the_forms(
    units: Units, year: Period, alice: Any, pat: Any
) -> None:
    response = client_for(alice).post(
        f"/reporting/figures/enter/?period={year.pk}",
        {"indicator_code": MANUAL_COUNT, "unit_code": units.commune_a.code, "value": "3"},
    )
    assert response.status_code == 302 and ManualFigure.objects.get().numerator == 3
    bad = client_for(alice).post(
        f"/reporting/figures/enter/?period={year.pk}",
        {"indicator_code": MANUAL_COUNT, "unit_code": units.commune_a.code, "value": "1,5"},
    )
    assert "số nguyên" in bad.content.decode()
    client_for(pat).post(
        f"/reporting/targets/?period={year.pk}&unit={units.province.code}",
        {"indicator_code": MANUAL_COUNT, "unit_code": units.province.code, "value": "10"},
    )
    assert Target.objects.get().value == 10


def test_periods_are_created_and_closed_from_the_page(seeded: None, nora: Any, alice: Any) -> None:
    client = client_for(nora)
    response = client.post("/reporting/periods/", {"kind": "annual", "name": "Năm 2026", "start": "01/01/2026",
                                                  "end": "31/12/2026"})  # fmt: skip
    assert response.status_code == 302
    period = Period.objects.get()
    assert period.theme is None  # no theme seeded for 2026
    client.post(f"/reporting/periods/{period.pk}/close/")
    period.refresh_from_db()
    assert period.is_closed
    overlap = client.post("/reporting/periods/", {"kind": "custom", "name": "Quý IV", "start": "01/10/2026",
                                                 "end": "31/12/2026"})  # fmt: skip
    html = overlap.content.decode()
    assert "trùng với kỳ đã khóa" in html
    assert client_for(alice).post("/reporting/periods/", {"kind": "annual", "name": "X", "start": "01/01/2030",
                                                          "end": "31/12/2030"}).status_code == 403  # fmt: skip


def test_the_officer_dashboard_card_counts_reports_and_overdue_tasks(
    units: Units, year: Period, carol: Any
) -> None:
    html = client_for(carol).get("/dashboard/").content.decode()
    assert 'data-testid="reporting-card"' in html and "đơn vị trực thuộc đã gửi báo cáo" in html


def test_an_indicator_whose_query_fails_is_reported_on_the_dashboard_without_breaking_it(
    units: Units, year: Period, carol: Any
) -> None:
    from django.db import connection

    from danvan.reporting.registry import Indicator, register_indicator, unregister_indicator

    def broken(start: Any, end: Any) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM reporting_task")
        return []

    register_indicator(Indicator(code="test.broken", name="Chỉ tiêu hỏng (thử)", unit="đơn", aggregation="sum",
                                 module="manual", compute=broken))  # fmt: skip
    try:
        response = client_for(carol).get(f"/reporting/?period={year.pk}")
    finally:
        unregister_indicator("test.broken")
    assert response.status_code == 200
    assert (
        "Chỉ tiêu hỏng (thử)"
        in response.content.decode().split('data-testid="figure-errors"')[1].split("</div>")[0]
    )


@pytest.mark.parametrize("period", ["abc", "-1", "1e9", "99999999999999999999999", "1.5"])
def test_a_malformed_period_in_the_query_string_gets_a_404_not_a_500(
    units: Units, year: Period, dave: Any, period: str
) -> None:
    response = client_for(dave).get(f"/reporting/?period={period}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_a_ranking_of_hundreds_of_units_shows_the_top_twenty_and_the_rest_recomputed_from_its_terms() -> None:
    from danvan.core import charts

    bars = [charts.Bar(f"Xã {i:03d}", round(100 * (i % 7) / 7, 2), i % 7, 7) for i in range(65)]
    bars.sort(key=lambda b: -(b.value or 0))
    chart = charts.ranking(bars, name="Tỷ lệ", unit="%", percent=True)
    labels = chart.config["data"]["labels"]
    assert len(labels) == 21 and labels[-1] == "Các đơn vị còn lại (45)"
    rest = bars[20:]
    expected = round(sum(b.numerator for b in rest) / sum(b.denominator for b in rest) * 100, 2)
    assert chart.config["data"]["datasets"][0]["data"][-1] == round(expected, 1)
    assert chart.size == "taller"
    provinces = charts.ranking(bars[:34], name="Tỷ lệ", unit="%", percent=True)
    assert len(provinces.config["data"]["labels"]) == 34  # the 34 provinces are all shown, each named


def test_manual_figures_and_targets_take_a_unit_by_its_name_from_the_picker_not_a_typed_code(
    units: Units, year: Period, alice: Any, pat: Any
) -> None:
    page = client_for(pat).get(f"/reporting/?period={year.pk}&unit={units.province.code}").content.decode()
    assert "Mã đơn vị" not in page and 'name="unit_code"' in page
    unaccented = transliterate(units.commune_a.name)  # "Phuong ..." typed without diacritics
    by_name = client_for(pat).get(f"/reporting/?period={year.pk}&unit={unaccented}")
    assert by_name.status_code == 200 and by_name.context["unit"] == units.commune_a
    client_for(pat).post(
        f"/reporting/targets/?period={year.pk}&unit={units.province.code}",
        {"indicator_code": MANUAL_COUNT, "unit_code": units.commune_a.name, "value": "7"},
    )
    assert Target.objects.get().unit == units.commune_a
    outside = client_for(alice).post(
        f"/reporting/figures/enter/?period={year.pk}",
        {"indicator_code": MANUAL_COUNT, "unit_code": units.other_province.name, "value": "3"},
    )
    assert "trong phạm vi của bạn" in outside.content.decode() and not ManualFigure.objects.exists()
