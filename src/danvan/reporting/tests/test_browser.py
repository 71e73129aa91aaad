from __future__ import annotations

from typing import Any

import pytest

from danvan.conftest import Units, browser_login
from danvan.reporting.models import Period, Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commune_drafts_and_submits_its_report_and_the_province_accepts_it(
    page: Any, units: Units, year: Period, alice: Any, pat: Any
) -> None:
    browser_login(page, "alice")
    page.goto(f"{page.base_url}/reporting/reports/?period={year.pk}")
    page.get_by_test_id("start-report").click()
    page.wait_for_url("**/reporting/reports/*/")
    assert page.get_by_test_id("report-status").inner_text() == "Đang soạn"
    assert page.get_by_test_id("report-figures").locator("tr[data-code='reporting.tasks_due']").count() == 1
    # submitting with empty sections is refused with a clear message
    page.get_by_test_id("submit-report").click()
    assert "các phần bắt buộc còn trống" in page.locator(".messages").inner_text()
    page.fill("#id_results", "Tổ chức 2 hội nghị đối thoại; giải quyết 95% đơn thư đúng hạn.")
    page.fill("#id_limitations", "Còn 2 đơn quá hạn do thiếu cán bộ địa chính.")
    page.fill("#id_lessons", "Người đứng đầu trực tiếp đối thoại thì dân tin, dân theo.")
    page.fill("#id_next_tasks", "Giải quyết dứt điểm đơn tồn đọng; nhân rộng mô hình Dân vận khéo.")
    page.get_by_test_id("submit-report").click()
    page.wait_for_selector("text=Đã gửi báo cáo lên cấp trên.")
    assert page.get_by_test_id("report-status").inner_text() == "Đã gửi"
    assert page.get_by_test_id("report-form").count() == 0  # no longer editable
    assert page.get_by_test_id("decide").count() == 0  # the commune cannot accept its own report

    page.context.clear_cookies()
    browser_login(page, "pat")
    page.goto(f"{page.base_url}/reporting/reports/?period={year.pk}&unit={units.province.code}")
    row = page.get_by_test_id("statuses").locator(f"tr[data-unit='{units.commune_a.code}']")
    assert "Đã gửi" in row.inner_text()
    assert (
        "Chưa bắt đầu"
        in page.get_by_test_id("statuses").locator(f"tr[data-unit='{units.commune_b.code}']").inner_text()
    )
    row.locator("a", has_text="Báo cáo").click()
    page.get_by_test_id("accept-report").click()
    page.wait_for_selector("text=Đã tiếp nhận báo cáo.")
    assert page.get_by_test_id("report-status").inner_text() == "Đã tiếp nhận"
    assert Report.objects.get(unit=units.commune_a).status == ReportStatus.ACCEPTED
    assert page.console_errors == []
