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
   while the job runs the fragment polls itself every 2 seconds with htmx (no script of our own); the
   module's view passes the job through `checked` first (see below).

A job whose worker died (SIGKILL, out of memory, machine restarted) would stay "running" for ever, its page
spinning. While `work` runs, a thread of the worker writes the job's `heartbeat_at` every
JOB_HEARTBEAT_SECONDS (settings); a "running" job whose heartbeat is older than JOB_STALE_SECONDS lost its
worker and is marked failed with `INTERRUPTED` ("interrupted, run it again"; a model may say more with
`job_interrupted`, e.g. what an import already kept). It is marked when its page is shown (`checked`: no
query while the heartbeat is fresh), and for every job model (`expire_all_stale`) by the task worker when it
starts and every JOB_STALE_SECONDS / 2 (`danvan db_worker`), and by the 07:00 scheduled job.

Why a heartbeat of our own and not the task backend's record: django-tasks-db's `DBTaskResult` of a killed
worker stays RUNNING for ever too (its `worker_ids` are random names with no record of the worker being
alive), the row may be pruned (`prune_db_task_results`) while the job row stays, nothing links a job to its
task result, and the Redis backend keeps no such row at all. What the backend does see, a worker stopped by
a second SIGTERM/SIGINT (SystemExit or KeyboardInterrupt raised in the task: the result is FAILED), `run`
records itself on the spot with the same message. A thread rather than the `progress` calls: some jobs
compute for long between two calls (a DOCX, an all-or-nothing import in one transaction), and the thread
beats as long as the process lives, whatever the work does.

Core stays a leaf: the job's unit and outcome columns are the module's own.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core import clock

logger = logging.getLogger(__name__)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


RUNNING_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)

INTERRUPTED = _("Tác vụ bị gián đoạn (máy chủ xử lý dừng giữa chừng). Hãy chạy lại.")


class JobFailed(Exception):
    """The job cannot be done for a reason the person can act on; the message is Vietnamese and says what
    to do. Nothing the job wrote is kept (its writes are in one transaction)."""


class Heartbeat(models.Model):
    """The worker's last sign of life on a job row (every job model has it: `Job`, and the imports of
    petitions and democracy, whose columns predate `Job`)."""

    heartbeat_at = models.DateTimeField(
        _("nhịp gần nhất của máy xử lý"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Job(Heartbeat):
    """The columns of every background job (see the module docstring)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    stage = models.CharField(_("đang làm"), max_length=200, blank=True)
    error = models.CharField(_("lỗi"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("thời điểm gửi"), default=clock.now)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

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
        status=JobStatus.RUNNING, heartbeat_at=clock.now()
    )
    if not claimed:
        return None
    job = model._default_manager.get(pk=job_id)
    outcome: dict[str, Any] = {}
    beat = _Beat(model, job_id)
    beat.start()
    try:
        outcome = dict(work(job) or {})
    except JobFailed as exc:
        outcome = {"status": JobStatus.FAILED, "error": str(exc)[:1000]}
    except Exception:
        logger.exception("Background job %s #%s failed", model._meta.label, job_id)
        failed = {"status": JobStatus.FAILED, "error": str(failure)[:1000]}
        _record(model, job_id, failed)
        raise
    except (
        BaseException
    ):  # the worker is being stopped (a second SIGTERM/SIGINT): SystemExit, KeyboardInterrupt
        logger.warning("Background job %s #%s interrupted", model._meta.label, job_id)
        _record(model, job_id, {"status": JobStatus.FAILED, "error": _interrupted(model)})
        raise
    else:
        outcome.setdefault("status", JobStatus.DONE)
    finally:
        beat.stop.set()
    _record(model, job_id, outcome)
    job.refresh_from_db()
    return job


def _record(model: type[models.Model], job_id: int, outcome: dict[str, Any]) -> None:
    """Write the outcome (the columns the model has: the older import jobs have no `stage`)."""
    columns = {f.attname for f in model._meta.concrete_fields}
    outcome = {**outcome, "stage": "", "finished_at": clock.now()}
    model._default_manager.filter(pk=job_id).update(**{k: v for k, v in outcome.items() if k in columns})


class _Beat(threading.Thread):
    """Writes the running job's `heartbeat_at` every JOB_HEARTBEAT_SECONDS until `stop` is set, on its own
    database connection (closed at the end). A beat that fails (SQLite busy behind the job's own write
    transaction) is skipped: the next one tries again."""

    def __init__(self, model: type[models.Model], job_id: int) -> None:
        super().__init__(name=f"job-heartbeat-{model._meta.label}-{job_id}", daemon=True)
        self.model, self.job_id = model, job_id
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    self.model._default_manager.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                        heartbeat_at=clock.now()
                    )
                except DatabaseError:
                    logger.warning("Heartbeat of job %s #%s not written", self.model._meta.label, self.job_id)
        finally:
            connections.close_all()  # this thread's connections only


# --- jobs whose worker died ---------------------------------------------------------------------------
def _interrupted(model: type[models.Model]) -> str:
    """The message of an interrupted job, stored in Vietnamese (the page translates it when shown)."""
    from django.utils import translation

    with translation.override("vi"):
        return str(getattr(model, "job_interrupted", INTERRUPTED))[:1000]


def _cutoff() -> dt.datetime:
    return clock.now() - dt.timedelta(seconds=settings.JOB_STALE_SECONDS)


def stale() -> Q:
    """The running jobs whose worker has given no sign of life for JOB_STALE_SECONDS (a job left running
    before the heartbeat existed: by its creation time)."""
    cutoff = _cutoff()
    return Q(status=JobStatus.RUNNING) & (
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )


def expire_stale(model: type[models.Model], **where: Any) -> int:
    """Mark failed, with the interrupted message, the stale jobs of `model` (narrowed by `where`): one
    UPDATE. Returns how many. A worker that was only slow and finishes after all records its real outcome
    over this one (`run`)."""
    return model._default_manager.filter(stale(), **where).update(
        status=JobStatus.FAILED, error=_interrupted(model), finished_at=clock.now(), **_blank_stage(model)
    )


def _blank_stage(model: type[models.Model]) -> dict[str, str]:
    return {"stage": ""} if "stage" in {f.attname for f in model._meta.concrete_fields} else {}


def checked[M: models.Model](job: M) -> M:
    """The job as its page shows it: a stale running job is marked failed first. No query while the job is
    not running or its heartbeat is fresh (the page polls every 2 seconds)."""
    if getattr(job, "status", None) != JobStatus.RUNNING:
        return job
    beat = getattr(job, "heartbeat_at", None) or getattr(job, "created_at", None)
    if beat is not None and beat >= _cutoff():
        return job
    if expire_stale(type(job), pk=job.pk):
        job.refresh_from_db()
    return job


def job_models() -> list[type[models.Model]]:
    """Every concrete job model (those with a heartbeat)."""
    return [m for m in apps.get_models() if issubclass(m, Heartbeat)]


def expire_all_stale() -> int:
    """`expire_stale` for every job model (the 07:00 scheduled job); returns how many were marked."""
    marked = 0
    for model in job_models():
        count = expire_stale(model)
        if count:
            logger.warning("%s stale %s job(s) marked interrupted", count, model._meta.label)
        marked += count
    return marked


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
