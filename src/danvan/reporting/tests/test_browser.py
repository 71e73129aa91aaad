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


def test_one_figure_reads_the_same_on_the_desk_card_the_dashboard_the_drill_down_and_the_docx_and_xlsx(
    page: Any, units: Units, pat: Any, tmp_path: Any
) -> None:
    """Issue #15: the overdue petitions of a province, read where an officer reads them."""
    import io

    from docx import Document
    from openpyxl import load_workbook

    from danvan.reporting import services
    from danvan.reporting.tests.test_one_truth import _petition, _running_period

    period = _running_period()
    _petition(units, received_days_ago=20, state="accepted", due_in=-3)  # overdue
    _petition(units, received_days_ago=20, state="accepted", due_in=-1)  # overdue
    _petition(units, received_days_ago=20, state="accepted", due_in=10)  # due before the period ends: not yet
    report = services.start_report(actor=pat, unit=units.province, period=period)
    browser_login(page, "pat")
    card = page.get_by_test_id("card-overdue").inner_text().strip()
    page.goto(f"{page.base_url}/reporting/?period={period.pk}&unit={units.province.code}")
    dashboard = page.locator("[data-testid=indicators] tr[data-code='petitions.overdue'] td.num").first
    shown = dashboard.inner_text().strip()
    page.goto(
        f"{page.base_url}/reporting/indicators/petitions.overdue/records/?period={period.pk}&unit={units.province.code}"
    )
    drilled = page.get_by_test_id("records-total").inner_text().strip()
    page.goto(f"{page.base_url}/reporting/reports/{report.pk}/")
    page.get_by_role("button", name="Tạo văn bản DOCX").click()  # generated in the background (django.tasks)
    with page.expect_download() as docx_download:
        page.get_by_test_id("docx-download").click()
    document = Document(io.BytesIO(open(docx_download.value.path(), "rb").read()))
    in_docx = next(
        row.cells[3].text.strip()
        for table in document.tables
        for row in table.rows
        if row.cells[1].text.strip() == "Số đơn quá hạn"
    )
    page.get_by_role("link", name="Về báo cáo").click()  # from the DOCX job's page back to the report
    with page.expect_download() as xlsx_download:
        page.locator("a", has_text="XLSX").first.click()
    sheet = load_workbook(io.BytesIO(open(xlsx_download.value.path(), "rb").read()))["Chỉ tiêu"]
    in_xlsx = next(
        row[3] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "petitions.overdue"
    )
    assert card == shown == drilled == in_docx == "2"
    assert in_xlsx == 2
    assert page.console_errors == []
