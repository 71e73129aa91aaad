"""A report's DOCX in the background (django.tasks: `reporting.tasks`): the request queues a job, the
worker computes the tables and writes the document, keeps it encrypted (`core.jobs.stash`) and records
the export in the audit log, in one transaction with the job's outcome."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation

from danvan.core import jobs
from danvan.core.text import slug
from danvan.reporting import exports, selectors
from danvan.reporting.models import Report, ReportDocxJob
from danvan.reporting.services.conferences import record_export


def queue_docx(*, actor: Any, report: Report) -> ReportDocxJob:
    """Record a queued DOCX job for a report the actor sees (the view loads it through the scope)."""
    return ReportDocxJob.objects.create(actor=actor, report=report, total=2)


def run_docx(job_id: int) -> ReportDocxJob | None:
    """The task's work (`core.jobs.run`): tables, document, encrypted file, audit row."""

    def work(job: ReportDocxJob) -> dict[str, Any]:
        report = Report.objects.select_related("unit", "period").get(pk=job.report_id)
        jobs.progress(job, 0, 2, "Đang tính các bảng số liệu")
        with translation.override("vi"):  # a Vietnamese document, whatever the language of who asked
            tables = selectors.report_tables(report)
        jobs.progress(job, 1, 2, "Đang soạn văn bản DOCX")
        data = exports.report_docx(report, tables)
        path = jobs.stash("reporting", data)
        try:
            with transaction.atomic():
                record_export(
                    actor=job.actor, obj=report, unit=report.unit, fmt="docx", what=f"báo cáo {report.title}"
                )
        except BaseException:
            jobs.discard(path)
            raise
        name = f"bao-cao-{slug(report.unit.short_name)}-{report.period_id}.docx"
        return {"stored_path": path, "file_name": name, "done": 2}

    return jobs.run(
        ReportDocxJob,
        job_id,
        work,
        failure="Lỗi hệ thống khi tạo văn bản báo cáo; chưa có tệp nào được tạo. Hãy thử lại hoặc báo quản trị viên.",
    )
