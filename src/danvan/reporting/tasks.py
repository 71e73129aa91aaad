"""Background work of the reporting module on Django's task framework (django.tasks; the database backend
django-tasks-db by default, its worker `danvan db_worker` started beside gunicorn by `make run`)."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from danvan.reporting.models import Report, ReportDocxJob
from danvan.reporting.services import documents


@task()
def report_docx(job_id: int) -> None:
    documents.run_docx(job_id)


def start_docx(*, actor: Any, report: Report) -> ReportDocxJob:
    """Queue the DOCX of a report; returns the job whose page shows the progress, then the download."""
    job = documents.queue_docx(actor=actor, report=report)
    report_docx.enqueue(job.pk)
    return job
