"""Sơ kết, tổng kết: views by topic (dashboard and figures, periods, reports, conferences and tasks)."""

from danvan.reporting.views.conferences import (
    conference_detail,
    conference_list,
    conference_new,
    task_act,
    task_bulk,
    task_list,
)
from danvan.reporting.views.dashboard import (
    dashboard,
    dashboard_card,
    figure_entry,
    figures_export,
    indicator_detail,
    indicator_list,
    indicator_records,
    target_set,
)
from danvan.reporting.views.periods import period_close, period_edit, period_list, theme_edit
from danvan.reporting.views.reports import (
    report_act,
    report_bulk,
    report_compile,
    report_detail,
    report_docx_download,
    report_docx_job,
    report_docx_start,
    report_export,
    report_list,
    report_start,
)

__all__ = [
    "conference_detail",
    "conference_list",
    "conference_new",
    "dashboard",
    "dashboard_card",
    "figure_entry",
    "figures_export",
    "indicator_detail",
    "indicator_list",
    "indicator_records",
    "period_close",
    "period_edit",
    "period_list",
    "report_act",
    "report_bulk",
    "report_compile",
    "report_detail",
    "report_docx_download",
    "report_docx_job",
    "report_docx_start",
    "report_export",
    "report_list",
    "report_start",
    "target_set",
    "task_act",
    "task_bulk",
    "task_list",
    "theme_edit",
]
