"""Background work of notifications on Django's task framework (`django.tasks`; the database backend
django-tasks-db by default, its worker `danvan db_worker` started beside gunicorn by `make run`)."""

from __future__ import annotations

import logging

from django.tasks import default_task_backend, task

from danvan.notifications import sending

logger = logging.getLogger(__name__)


@task()
def deliver() -> int:
    """Send every due outbox message; when some failed and wait for a retry, queue itself for that time.
    Queued after commit with the Redis (and the tests' immediate) backend; the database backend's worker
    sends the outbox itself when its queue is empty (`management/commands/db_worker.py`), so no move queues
    it there."""
    result = sending.send_due()
    if result.retry_at is not None and default_task_backend.supports_defer:
        deliver.using(run_after=result.retry_at).enqueue()
    return result.sent
