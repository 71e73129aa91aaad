"""The scheduled jobs on Django's task framework: `morning` (07:00: officers' digest and alerts, heads'
Monday summary, `officers.run_due`; background jobs whose worker died marked interrupted,
`core.jobs.expire_all_stale`) queues itself for the next 07:00; `schedule` queues the first."""

from __future__ import annotations

from django.tasks import default_task_backend, task

from danvan.core import jobs
from danvan.notifications import officers


@task()
def morning() -> int:
    """The 07:00 jobs, then the next run is queued."""
    jobs.expire_all_stale()  # a job left "running" by a dead worker no page has shown since
    written = officers.run_due()
    schedule()
    return written


def schedule() -> None:
    """Queue `morning` for the next 07:00 (a duplicate is harmless: the run claims its schedule row).
    With a backend that cannot defer tasks (the tests' immediate one), nothing is queued."""
    if default_task_backend.supports_defer:
        morning.using(run_after=officers.next_due()).enqueue()
