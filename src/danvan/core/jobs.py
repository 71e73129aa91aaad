"""Background jobs one way (Django's task framework, `django.tasks`): a job row that the page reads, a
runner that the task calls, and one page fragment that shows the progress and the outcome.

A module that moves long work off the request (petitions' and democracy's file imports, press batch
ingestion, reporting's report generation):

1. declares its job model on `Job` (who started it, status, progress `done`/`total`, what it is doing,
   the error shown to the person, when it finished) with its own columns (unit, outcome);
2. in the request: checks the input, keeps any file with `stash` (encrypted, 0600 under MEDIA_ROOT/jobs),
   creates the job row and enqueues its task with the job's id, then redirects to the job's page;
3. in the task: `run(Model, job_id, work)`. `run` claims the job once (a retried or duplicated task finds
   it no longer queued and does nothing), calls `work(job)`, and records the outcome: the columns `work`
   returns and "done", or "failed" with the Vietnamese message of a `JobFailed`, or, on any other
   exception, with the module's `failure` message (the exception is re-raised so the task backend records
   it too). `work` reads and computes first, reporting `progress(job, done, total, stage)` (each a
   committed update, so the page sees it), then writes in ONE transaction: a failure leaves nothing
   half-written;
4. renders `includes/job.html` in its page (`{% include "includes/job.html" with job=job result=... %}`):
   the status, a progress bar, the error in an alert box, and, once done, the module's result template;
   while the job runs the fragment polls itself every 2 seconds with htmx (no script of our own).

Core stays a leaf: the job's unit and outcome columns are the module's own.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock

logger = logging.getLogger(__name__)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


RUNNING_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobFailed(Exception):
    """The job cannot be done for a reason the person can act on; the message is Vietnamese and says what
    to do. Nothing the job wrote is kept (its writes are in one transaction)."""


class Job(models.Model):
    """The columns of every background job (see the module docstring)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người gửi", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField("đã xử lý", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    stage = models.CharField("đang làm", max_length=200, blank=True)
    error = models.CharField("lỗi", max_length=1000, blank=True)
    created_at = models.DateTimeField("thời điểm gửi", default=clock.now)
    finished_at = models.DateTimeField("thời điểm xong", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0


def progress(job: Job, done: int, total: int | None = None, stage: str | None = None) -> None:
    """Record how far the job is (committed at once when called outside a transaction: the page sees it)."""
    fields: dict[str, Any] = {"done": done}
    job.done = done
    if total is not None:
        fields["total"] = job.total = total
    if stage is not None:
        fields["stage"] = job.stage = str(stage)[:200]
    type(job)._default_manager.filter(pk=job.pk).update(**fields)


def run[M: models.Model](
    model: type[M], job_id: int, work: Callable[[M], dict[str, Any] | None], *, failure: str
) -> M | None:
    """Claim the queued job `job_id`, run `work(job)` and record its outcome (see the module docstring).
    Returns the job as recorded, or None when it was not queued (already run by another attempt)."""
    claimed = model._default_manager.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    )
    if not claimed:
        return None
    job = model._default_manager.get(pk=job_id)
    outcome: dict[str, Any] = {}
    try:
        outcome = dict(work(job) or {})
    except JobFailed as exc:
        outcome = {"status": JobStatus.FAILED, "error": str(exc)[:1000]}
    except Exception:
        logger.exception("Background job %s #%s failed", model._meta.label, job_id)
        failed = {"status": JobStatus.FAILED, "error": str(failure)[:1000]}
        _record(model, job_id, failed)
        raise
    else:
        outcome.setdefault("status", JobStatus.DONE)
    _record(model, job_id, outcome)
    job.refresh_from_db()
    return job


def _record(model: type[models.Model], job_id: int, outcome: dict[str, Any]) -> None:
    """Write the outcome (the columns the model has: the older import jobs have no `stage`)."""
    columns = {f.attname for f in model._meta.concrete_fields}
    outcome = {**outcome, "stage": "", "finished_at": clock.now()}
    model._default_manager.filter(pk=job_id).update(**{k: v for k, v in outcome.items() if k in columns})


# --- files waiting for their job ----------------------------------------------------------------------
def _folder(kind: str) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "jobs" / kind
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
    return folder


def stash(kind: str, data: bytes) -> str:
    """Keep bytes for a job: encrypted (core.crypto), 0600 in a 0700 folder; returns the path."""
    from danvan.core import crypto

    path = _folder(kind) / f"{uuid.uuid4().hex}.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(crypto.encrypt_bytes(data))
    return str(path)


def unstash(path: str) -> bytes:
    from danvan.core import crypto

    return crypto.decrypt_bytes(Path(path).read_bytes())


def discard(path: str) -> None:
    if path:
        Path(path).unlink(missing_ok=True)
