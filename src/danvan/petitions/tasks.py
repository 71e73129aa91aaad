"""Background work of the petitions module on Django's task framework (django.tasks; the database backend
django-tasks-db by default, its worker `danvan db_worker` started beside gunicorn by `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.tasks import task

from danvan.petitions import importing
from danvan.territory.models import AdminUnit


@task()
def run_import(job_id: int) -> None:
    importing.run_job(job_id)


def start_import(*, actor: Any, unit: AdminUnit, upload: UploadedFile) -> Any:
    """Check and keep the file (`importing.store_job`), then queue its import; returns the job."""
    job = importing.store_job(actor=actor, unit=unit, upload=upload)
    run_import.enqueue(job.pk)
    return job
