"""Sơ kết, tổng kết: every write, by topic (periods and themes, manual figures and targets, reports,
conferences and tasks). Keyword-only arguments, a required `actor`, one transaction, an audit row; the
moves of a report and of a task go through the workflow kit (`danvan.reporting.workflow`) and the
rulebook (`danvan.reporting.rulebook`). A refusal raises `Refused` (with the field), `NotPermitted` or
`Conflict`."""

from danvan.reporting.rulebook import RULEBOOK
from danvan.reporting.services.conferences import (
    KIND_ALIASES,
    assign_tasks,
    complete_task,
    create_conference,
    record_export,
    update_conclusions,
)
from danvan.reporting.services.manual import enter_manual_figure, set_target
from danvan.reporting.services.periods import (
    close_period,
    create_period,
    create_theme,
    freeze_totals,
    update_period,
    update_theme,
)
from danvan.reporting.services.reports import (
    REPORT_FIELDS,
    accept_report,
    compile_consolidated,
    default_headers,
    missing_sections,
    return_report,
    start_report,
    submit_report,
    update_report,
)
from danvan.reporting.workflow import EDITABLE

__all__ = [
    "EDITABLE",
    "KIND_ALIASES",
    "REPORT_FIELDS",
    "RULEBOOK",
    "accept_report",
    "assign_tasks",
    "close_period",
    "compile_consolidated",
    "complete_task",
    "create_conference",
    "create_period",
    "create_theme",
    "default_headers",
    "enter_manual_figure",
    "freeze_totals",
    "missing_sections",
    "record_export",
    "return_report",
    "set_target",
    "start_report",
    "submit_report",
    "update_conclusions",
    "update_period",
    "update_report",
    "update_theme",
]
