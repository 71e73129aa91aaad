"""A background job whose worker died (SIGKILL, machine restarted) no longer spins for ever: its heartbeat
stops, and once it is older than JOB_STALE_SECONDS the job is shown as failed with "interrupted, run it
again" (core.jobs: `checked` on the job's page, `expire_all_stale` at 07:00). A running job whose worker
still beats is left alone."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from danvan.conftest import client_for
from danvan.core import clock, jobs
from danvan.democracy.models import VillageImportJob
from danvan.petitions.models import ImportJob
from danvan.press.models import IngestJob

pytestmark = pytest.mark.django_db

INTERRUPTED = "Tác vụ bị gián đoạn (máy chủ xử lý dừng giữa chừng). Hãy chạy lại."


def _running(actor: Any, *, beat_ago: dt.timedelta | None) -> IngestJob:
    job = IngestJob.objects.create(actor=actor, files=[{"name": "a.txt"}, {"name": "b.txt"}], total=2)
    IngestJob.objects.filter(pk=job.pk).update(
        status="running",
        done=1,
        stage="Đang đọc và trích xuất “b.txt”",
        heartbeat_at=None if beat_ago is None else clock.now() - beat_ago,
    )
    return job


def test_a_job_whose_worker_was_killed_mid_run_is_shown_as_failed_with_the_message(alice: Any) -> None:
    job = _running(alice, beat_ago=dt.timedelta(seconds=django_settings.JOB_STALE_SECONDS + 60))
    page = client_for(alice).get(reverse("press:ingest_job", args=[job.pk])).content.decode()
    assert "Không thành công" in page and INTERRUPTED in page
    assert "hx-trigger" not in page and "Đang đọc" not in page  # the page stops polling
    job.refresh_from_db()
    assert (job.status, job.error, job.stage) == ("failed", INTERRUPTED, "")
    assert job.finished_at is not None


def test_the_interrupted_message_is_shown_in_english_to_an_english_reader(alice: Any) -> None:
    job = _running(alice, beat_ago=dt.timedelta(hours=1))
    client = client_for(alice)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("press:ingest_job", args=[job.pk])).content.decode()
    assert "The job was interrupted" in page and INTERRUPTED not in page


def test_a_running_job_with_a_fresh_heartbeat_is_left_alone(
    alice: Any, django_assert_num_queries: Any
) -> None:
    job = _running(alice, beat_ago=dt.timedelta(seconds=django_settings.JOB_STALE_SECONDS - 60))
    loaded = IngestJob.objects.get(pk=job.pk)
    with django_assert_num_queries(0):  # the page polls every 2 seconds: a fresh job costs no query
        jobs.checked(loaded)
    page = client_for(alice).get(reverse("press:ingest_job", args=[job.pk])).content.decode()
    assert "Đang chạy" in page and 'hx-trigger="every 2s"' in page and INTERRUPTED not in page
    assert jobs.expire_all_stale() == 0
    job.refresh_from_db()
    assert (job.status, job.error, job.finished_at) == ("running", "", None)


def test_the_morning_job_marks_the_dead_jobs_of_every_module_and_leaves_the_others(
    alice: Any, units: Any
) -> None:
    from danvan.notifications import scheduled

    long_ago = clock.now() - dt.timedelta(seconds=django_settings.JOB_STALE_SECONDS + 1)
    dead_press = _running(alice, beat_ago=dt.timedelta(hours=2))
    alive_press = _running(alice, beat_ago=dt.timedelta(seconds=5))
    queued_press = IngestJob.objects.create(actor=alice, created_at=long_ago)  # waits for a worker: not dead
    petitions_job = ImportJob.objects.create(unit=units.commune_a, actor=alice, file_name="don.csv")
    # a job left running before the heartbeat existed: judged by when it was sent
    ImportJob.objects.filter(pk=petitions_job.pk).update(status="running", created_at=long_ago, rows_done=40)
    village_job = VillageImportJob.objects.create(
        unit=units.commune_a, actor=alice, file_name="thon.xlsx", created_at=clock.now(), status="running"
    )
    VillageImportJob.objects.filter(pk=village_job.pk).update(heartbeat_at=long_ago)
    assert set(jobs.job_models()) >= {IngestJob, ImportJob, VillageImportJob}

    scheduled.morning.call()

    marked: list[tuple[str, Any]] = [
        ("dead", dead_press),
        ("alive", alive_press),
        ("queued", queued_press),
        ("petitions", petitions_job),
        ("village", village_job),
    ]
    states = {name: type(job).objects.values_list("status", "error").get(pk=job.pk) for name, job in marked}
    assert states["dead"] == ("failed", INTERRUPTED) and states["village"] == ("failed", INTERRUPTED)
    assert states["alive"] == ("running", "") and states["queued"] == ("queued", "")
    # an interrupted petitions import kept the rows it had imported: its message says so
    assert states["petitions"][0] == "failed" and "các dòng đã nhập vẫn được giữ" in states["petitions"][1]
    assert jobs.expire_all_stale() == 0  # marked once


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when its batch ends
def test_the_task_worker_marks_a_dead_job_when_it_starts_without_anyone_opening_its_page(
    alice: Any, database_tasks: None
) -> None:
    from django.core.management import call_command

    dead = _running(alice, beat_ago=dt.timedelta(hours=2))
    alive = _running(alice, beat_ago=dt.timedelta(seconds=5))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert IngestJob.objects.values_list("status", "error").get(pk=dead.pk) == ("failed", INTERRUPTED)
    assert IngestJob.objects.values_list("status").get(pk=alive.pk) == ("running",)


def test_a_running_worker_sweeps_dead_jobs_again_only_after_half_the_stale_time(
    alice: Any, monkeypatch: Any
) -> None:
    from danvan.notifications.management.commands.db_worker import OutboxWorker

    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    worker = OutboxWorker(
        queue_names=["default"],
        interval=1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    assert worker.sweep_stale_jobs() == 0
    dead = _running(alice, beat_ago=dt.timedelta(hours=2))
    now[0] += django_settings.JOB_STALE_SECONDS / 2 - 1
    assert worker.sweep_stale_jobs() == 0  # too soon: no query
    now[0] += 2
    assert worker.sweep_stale_jobs() == 1
    assert IngestJob.objects.values_list("status").get(pk=dead.pk) == ("failed",)


@pytest.mark.django_db(transaction=True)  # the heartbeat thread writes on its own connection
def test_the_worker_writes_the_heartbeat_while_the_work_runs(alice: Any, settings: Any) -> None:
    settings.JOB_HEARTBEAT_SECONDS = 1
    job = IngestJob.objects.create(actor=alice)
    beats: list[dt.datetime | None] = []

    def work(running: IngestJob) -> dict[str, Any]:
        beats.append(IngestJob.objects.get(pk=running.pk).heartbeat_at)  # written when it was claimed
        time.sleep(1.6)  # no progress call meanwhile: the thread beats anyway
        beats.append(IngestJob.objects.get(pk=running.pk).heartbeat_at)
        return {}

    done = jobs.run(IngestJob, job.pk, work, failure="x")
    assert done is not None and done.status == "done"
    first, later = beats
    assert first is not None and later is not None and later > first


def test_a_worker_stopped_in_the_middle_of_a_job_marks_it_interrupted_before_it_exits(alice: Any) -> None:
    job = IngestJob.objects.create(actor=alice)

    def work(running: IngestJob) -> dict[str, Any]:
        raise SystemExit(1)  # db_worker's answer to a second SIGTERM while a task runs

    with pytest.raises(SystemExit):
        jobs.run(IngestJob, job.pk, work, failure="x")
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", INTERRUPTED) and job.finished_at is not None
