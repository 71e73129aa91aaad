"""Background work of the democracy module on Django's task framework (django.tasks; the database backend
django-tasks-db, its worker `danvan db_worker` started beside gunicorn by `make run`), as petitions' imports."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from danvan.democracy import services
from danvan.democracy.models import VillageImportJob
from danvan.territory.models import AdminUnit


@task()
def run_village_import(job_id: int) -> None:
    services.run_import_job(job_id)


def start_import(*, actor: Any, unit: AdminUnit, name: str, data: bytes) -> VillageImportJob:
    """Check and keep the file (`services.queue_import`), then queue its import; returns the job."""
    job = services.queue_import(actor=actor, unit=unit, name=name, data=data)
    run_village_import.enqueue(job.pk)
    return job
