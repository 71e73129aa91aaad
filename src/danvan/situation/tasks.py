"""Background work of the situation module on Django's task framework (django.tasks; the database backend
django-tasks-db, worker `danvan db_worker`): gather the week's signals and run the rise detector."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.tasks import task

from danvan.core import clock
from danvan.situation import poll_tasks, services

COLLECT_DAYS = 14


@task()
def detect_rises() -> dict[str, Any]:
    """Add the last two weeks' signals from the other modules, then test the last complete week; file
    the poll answers the classifier has not read yet (a task lost with a worker, older answers)."""
    today = clock.today()
    collected = services.collect(since=today - dt.timedelta(days=COLLECT_DAYS), until=today)
    return {
        "collected": collected,
        "detected": services.run_detection(today=today),
        "answers_classified": poll_tasks.classify_pending(),
    }
