"""Background work of the press module on Django's task framework (django.tasks; the database backend
django-tasks-db by default, its worker `danvan db_worker` started beside gunicorn by `make run`)."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from danvan.press import services
from danvan.press.models import IngestJob


@task()
def ingest_batch(job_id: int) -> None:
    services.run_batch(job_id)


def start_batch(*, actor: Any, files: list[tuple[str, bytes | None, str]], source_url: str = "") -> IngestJob:
    """Keep the uploaded files for their job (`services.queue_batch`), then queue it; returns the job."""
    job = services.queue_batch(actor=actor, files=files, source_url=source_url)
    ingest_batch.enqueue(job.pk)
    return job
