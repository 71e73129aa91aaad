"""Background work of the petitions module on Django's task framework (django.tasks; the database backend
django-tasks-db by default, its worker `danvan db_worker` started beside gunicorn by `make run`)."""

from __future__ import annotations

from django.tasks import task


@task()
def run_import(job_id: int) -> None:
    from danvan.petitions import importing

    importing.run_job(job_id)
