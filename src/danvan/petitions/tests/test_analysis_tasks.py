"""The analyses of officers' and imported petitions run as tasks (django.tasks); the public form's
submissions stay with the journal and the analysis loop (#17 item 3)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import client_for
from danvan.core import clock
from danvan.petitions import analysis, services
from danvan.petitions.models import Channel, ImportJob, Petition
from danvan.petitions.services.enrichment import pending_ids
from danvan.petitions.tests.conftest import LAND

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued() -> Iterator[list[list[int]]]:
    """The id lists the analysis task was queued with (the immediate backend then runs it for real)."""
    from django.tasks.signals import task_enqueued

    calls: list[list[int]] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        if task_result.task.name == analysis.analyse.name:
            calls.append(list(task_result.args[0]))

    task_enqueued.connect(record, weak=False)
    yield calls
    task_enqueued.disconnect(record)


def test_a_desk_petition_is_analysed_by_a_task_queued_after_its_commit(
    alice: Any, units: Any, make_data: Any, asynchronous: None, enqueued: list[list[int]],
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        petition = services.submit_petition(
            actor=alice, channel="desk", data=make_data(**LAND), unit=units.commune_a
        )
    petition.refresh_from_db()
    assert petition.enrich_queued_at is not None and enqueued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    petition.refresh_from_db()
    assert enqueued == [[petition.pk]]
    assert petition.enrich_queued_at is None and petition.suggested_field is not None  # the task ran


def test_the_public_forms_submissions_queue_no_task_their_journal_batch_is_analysed_by_the_loop(
    units: Any, make_data: Any, asynchronous: None, enqueued: list[list[int]],
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        petition = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    petition.refresh_from_db()
    assert enqueued == [] and petition.enrich_queued_at is not None
    assert petition.pk in pending_ids(leave_to_tasks=True)  # the loop takes it


def test_the_analysis_loop_leaves_a_fresh_officers_petition_to_its_task_and_takes_it_if_still_pending_later(
    alice: Any, units: Any, make_data: Any, asynchronous: None, enqueued: list[list[int]]
) -> None:
    with time_machine.travel(clock.now(), tick=False):
        petition = services.submit_petition(
            actor=alice, channel="desk", data=make_data(**LAND), unit=units.commune_a
        )
        Petition.objects.filter(pk=petition.pk).update(
            enrich_queued_at=clock.now()
        )  # as if its task was lost
        assert petition.pk not in pending_ids(leave_to_tasks=True)
        assert petition.pk in pending_ids()  # the catch-up (`enrich --pending`) takes every one
    with time_machine.travel(clock.now() + dt.timedelta(minutes=3), tick=False):
        assert petition.pk in pending_ids(leave_to_tasks=True)


def test_an_imported_file_queues_the_analyses_of_its_petitions_once_the_file_is_done(
    alice: Any, units: Any, asynchronous: None, enqueued: list[list[int]],
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "title", "content", "place_code", "petitioner_name"])
    for i in range(3):
        writer.writerow(
            ["feedback", f"{LAND['title']} {i}", LAND["content"], units.commune_a.code, "Lò Văn A"]
        )
    upload = SimpleUploadedFile("don.csv", out.getvalue().encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post("/petitions/nhap-tep/", {"file": upload})
    job = ImportJob.objects.get()
    assert job.report and not any(r["errors"] for r in job.report), job.report
    assert response.status_code == 302 and job.status == "done" and job.created == 3
    ids = sorted(Petition.objects.filter(channel=Channel.IMPORT).values_list("pk", flat=True))
    assert [sorted(call) for call in enqueued] == [ids]  # one task for the file's rows, not one per row
    assert not Petition.objects.filter(enrich_queued_at__isnull=False).exists()


def test_a_failing_analysis_leaves_its_petition_pending_and_the_others_analysed(
    alice: Any, units: Any, make_data: Any, asynchronous: None, monkeypatch: Any
) -> None:
    from danvan.petitions.services import enrichment

    first, second = (
        services.submit_petition(
            actor=alice,
            channel="desk",
            data=make_data(title=f"Đơn {n}", content=LAND["content"] + f" ({n})"),
            unit=units.commune_a,
        )
        for n in (1, 2)
    )
    real = enrichment.enrich_petition

    def flaky(pk: int) -> bool:
        if pk == first.pk:
            raise RuntimeError("boom")
        return real(pk)

    monkeypatch.setattr(enrichment, "enrich_petition", flaky)
    monkeypatch.setattr("danvan.petitions.campaigns.join_copies", lambda ids, enrich_petition: set())
    analysis.analyse.call([first.pk, second.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.enrich_queued_at is not None and second.enrich_queued_at is None
