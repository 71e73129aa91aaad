"""`danvan db_worker`: django-tasks-db's worker (same options) that also sends the notifications outbox.

With the database task backend a move that writes outbox rows queues no task: queueing one was a second
transaction after the move's commit (a task row, or the read "is a sending task already waiting?"), which
cost the move more than writing its messages. Instead this worker, whenever its queue is empty, asks the
outbox whether a message is due (`sending.has_due`, one indexed read) and sends every due one
(`sending.send_due`, the body of the task `tasks.deliver`). Latency: a message written while the worker
is idle is sent within `--interval` seconds (1 by default) of its commit; while the worker runs tasks, when
the running task ends (between two tasks the outbox is looked at again at most once per interval).
Retries need nothing more: a failed message becomes due again at its next attempt's time.

This command replaces django-tasks-db's own `db_worker` (Django takes the command of the app listed first
in INSTALLED_APPS): `make run` and the tests' `call_command("db_worker", "--batch")` run it. With
`--batch` the worker stops once its queue is empty and no message is due.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from danvan.core import jobs
from danvan.notifications import sending

logger = logging.getLogger(__name__)

#: batches of `sending.send_due` (100 messages each) per look at the outbox
SEND_BATCHES = 5


class OutboxWorker(db_worker.Worker):
    """The worker's loop, with the outbox looked at when the queue is empty and between tasks."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._looked_at = 0.0
        self._swept_at: float | None = None

    def sweep_stale_jobs(self) -> int:
        """Mark failed the jobs whose worker died (`core.jobs.expire_all_stale`: no heartbeat for
        JOB_STALE_SECONDS), when this worker starts and then every half of that time, so that a dead job
        shows as interrupted within JOB_STALE_SECONDS × 1.5 even if nobody opens its page. Never raises."""
        now = time.monotonic()
        if self._swept_at is not None and now - self._swept_at < settings.JOB_STALE_SECONDS / 2:
            return 0
        self._swept_at = now
        try:
            return jobs.expire_all_stale()
        except Exception:  # the next sweep, the job's page or the 07:00 job marks them
            logger.exception("Background jobs: the stale jobs could not be marked")
            return 0

    def send_outbox(self) -> int:
        """Send the due messages, if any (as a task: a signal lets the sending finish first). Never raises:
        a failure is logged and the messages stay due for the next look."""
        self._looked_at = time.monotonic()
        self.running_task = True
        try:
            if not sending.has_due():
                return 0
            # A few batches at a time: the loop comes back here while messages remain, and a SIGTERM
            # waits for these batches only.
            result = sending.send_due(max_batches=SEND_BATCHES)
            return result.sent + result.failed + result.cancelled
        except Exception:  # the rows stay due; the next look, or `danvan notifications send`, sends them
            logger.exception("Notifications: the outbox could not be sent")
            return 0
        finally:
            self.running_task = False
            close_old_connections()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if self.running and time.monotonic() - self._looked_at >= max(self.interval, 0.1):
            self.send_outbox()

    def run(self) -> None:
        # django-tasks-db's loop in batch mode runs the queue until it is empty and returns; around it the
        # outbox is sent, then the worker sleeps its interval (or, really in batch mode, stops).
        batch, self.batch = self.batch, True
        quiet = _Quiet(batch)
        db_worker.logger.addFilter(quiet)
        try:
            while self.running:
                self.sweep_stale_jobs()
                super().run()
                quiet.started = True  # "Starting worker" once, not at every interval
                self.startup_delay = False
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
                if not self.running:
                    return
                handled = self.send_outbox()
                if handled:
                    continue
                if batch:
                    return
                time.sleep(self.interval)
        finally:
            db_worker.logger.removeFilter(quiet)


class _Quiet(logging.Filter):
    """Drops django-tasks-db's "Starting worker" line after the first round of the loop, and its "No more
    tasks to run … exiting gracefully" line unless the worker really stops (`--batch`)."""

    def __init__(self, batch: bool) -> None:
        super().__init__()
        self.batch = batch
        self.started = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("No more tasks to run"):
            return self.batch
        return not (self.started and message.startswith("Starting worker"))


class Command(db_worker.Command):
    help = (
        "Chạy các việc nền (django-tasks-db) và gửi tin trong hộp thư đi khi hàng đợi trống "
        "(tin được gửi trong vòng --interval giây sau khi ghi)."
    )

    def handle(self, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = OutboxWorker  # type: ignore[misc]
        try:
            super().handle(**options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
