"""Issue #14, case 3: with the README's demo accounts a report goes from a commune draft, through the
province's compiled report, to national acceptance (Playwright, on SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.accounts.demo import DEMO_ACCOUNTS
from danvan.conftest import Units, browser_login, make_user
from danvan.reporting.models import Period, Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _demo_accounts(units: Units) -> None:
    """The README's accounts at their units (the demo loader's key units: the nation, Lạng Sơn, its
    first commune), with the roles the demo gives them."""
    key_units = {"nation": units.nation, "province": units.province, "commune_a": units.commune_a}
    for account in DEMO_ACCOUNTS:
        if account.username in ("demo-canbo", "demo-canbotinh", "demo-canbotw"):
            make_user(account.username, key_units[account.unit_key], account.role)


def _fill_sections(page: Any) -> None:
    page.fill("#id_results", "Tổ chức 2 hội nghị đối thoại; giải quyết 95% đơn thư đúng hạn.")
    page.fill("#id_limitations", "Còn 2 đơn quá hạn do thiếu cán bộ địa chính.")
    page.fill("#id_lessons", "Người đứng đầu trực tiếp đối thoại thì dân tin, dân theo.")
    page.fill("#id_next_tasks", "Giải quyết dứt điểm đơn tồn đọng; nhân rộng mô hình Dân vận khéo.")


def _sign_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, username)


def test_a_report_goes_from_a_commune_draft_through_the_provinces_compiled_report_to_national_acceptance(
    page: Any, units: Units, year: Period
) -> None:
    _demo_accounts(units)
    # the commune officer writes and submits the commune's report
    _sign_in(page, "demo-canbo")
    page.goto(f"{page.base_url}/reporting/reports/?period={year.pk}")
    page.get_by_test_id("start-report").click()
    page.wait_for_url("**/reporting/reports/*/")
    _fill_sections(page)
    page.get_by_test_id("submit-report").click()
    page.wait_for_selector("text=Đã gửi báo cáo lên cấp trên.")
    assert page.get_by_test_id("report-status").inner_text() == "Đã gửi"

    # the province officer accepts it, compiles the provincial report and submits it to the centre
    _sign_in(page, "demo-canbotinh")
    page.goto(f"{page.base_url}/reporting/reports/?period={year.pk}&unit={units.province.code}")
    page.get_by_test_id("statuses").locator(
        f"tr[data-unit='{units.commune_a.code}'] a", has_text="Báo cáo"
    ).click()
    page.get_by_test_id("accept-report").click()
    page.wait_for_selector("text=Đã tiếp nhận báo cáo.")
    page.goto(f"{page.base_url}/reporting/reports/?period={year.pk}&unit={units.province.code}")
    page.get_by_test_id("compile-report").click()
    page.wait_for_selector("text=Đã tổng hợp báo cáo từ các đơn vị trực thuộc.")
    assert units.commune_a.name in page.locator("#id_results").input_value()
    page.get_by_test_id("submit-report").click()
    page.wait_for_selector("text=Đã gửi báo cáo lên cấp trên.")
    assert page.get_by_test_id("report-status").inner_text() == "Đã gửi"
    assert page.get_by_test_id("decide").count() == 0  # the province does not accept its own report

    # the centre's officer accepts the provincial report
    _sign_in(page, "demo-canbotw")
    page.goto(f"{page.base_url}/reporting/reports/?period={year.pk}&unit={units.nation.code}")
    page.get_by_test_id("statuses").locator(
        f"tr[data-unit='{units.province.code}'] a", has_text="Báo cáo"
    ).click()
    page.get_by_test_id("accept-report").click()
    page.wait_for_selector("text=Đã tiếp nhận báo cáo.")
    assert page.get_by_test_id("report-status").inner_text() == "Đã tiếp nhận"

    province_report = Report.objects.get(unit=units.province, period=year)
    assert province_report.status == ReportStatus.ACCEPTED and province_report.is_consolidated
    assert Report.objects.get(unit=units.commune_a, period=year).status == ReportStatus.ACCEPTED
    assert [h.actor_label for h in province_report.history.filter(action__in=("submit", "accept"))] == [
        "demo-canbotinh",
        "demo-canbotw",
    ]
    assert page.console_errors == []
