"""Press batch ingestion as a background task (django.tasks, #17 item 3): the upload queues a job, the
worker reads and extracts every file then stores them in one transaction, the page shows the progress,
then one result per file, or the failure (and nothing stored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.conftest import client_for
from danvan.press import services
from danvan.press.models import Article, Event, IngestJob
from danvan.press.tests import articles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _two_articles() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("langson.txt", articles.LANGSON.encode("utf-8"), "text/plain"),
        SimpleUploadedFile("baclieu.txt", articles.BACLIEU.encode("utf-8"), "text/plain"),
    ]


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when its batch ends
def test_an_upload_is_queued_by_the_page_and_ingested_by_the_worker_then_shown_file_by_file(
    alice: Any, bob: Any, database_tasks: None
) -> None:
    from django.core.management import call_command

    client = client_for(alice)
    response = client.post(reverse("press:upload"), {"articles": _two_articles()})
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("press:ingest_job", args=[job.pk])
    assert job.status == "queued" and not Article.objects.exists()  # the request stored nothing
    stored = [Path(f["path"]) for f in job.files]
    assert all(p.exists() and p.stat().st_mode & 0o777 == 0o600 for p in stored)
    assert all("Lạng Sơn".encode() not in p.read_bytes() for p in stored)  # kept encrypted
    page = client.get(response["Location"]).content.decode()
    assert "Đang chờ" in page and 'hx-trigger="every 2s"' in page
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.created, job.errors) == ("done", 2, 0) and Event.objects.count() == 2
    assert not any(p.exists() for p in stored) and all("path" not in f for f in job.files)
    page = client.get(response["Location"]).content.decode()
    assert page.count('data-testid="outcome-created"') == 2 and "hx-trigger" not in page
    assert client_for(bob).get(response["Location"]).status_code == 404  # only who uploaded it


def test_the_batch_page_shows_the_progress_while_the_worker_reads_the_files(alice: Any) -> None:
    job = IngestJob.objects.create(
        actor=alice, files=[{"name": "a.txt"}, {"name": "b.txt"}, {"name": "c.txt"}], total=3
    )
    IngestJob.objects.filter(pk=job.pk).update(
        status="running", done=1, stage="Đang đọc và trích xuất “b.txt”"
    )
    page = client_for(alice).get(reverse("press:ingest_job", args=[job.pk])).content.decode()
    assert "Đang chạy" in page and "Đang đọc và trích xuất “b.txt”" in page
    assert '<progress max="3" value="1"' in page and "1/3" in page and 'hx-trigger="every 2s"' in page


def test_a_batch_that_fails_while_storing_stores_no_article_and_says_so_in_vietnamese(
    alice: Any, monkeypatch: Any
) -> None:
    real = services._store
    calls: list[str] = []

    def second_fails(**kwargs: Any) -> Any:
        calls.append(kwargs["name"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "_store", second_fails)
    client = client_for(alice)
    response = client.post(reverse("press:upload"), {"articles": _two_articles()})
    job = IngestJob.objects.get()
    assert job.status == "failed" and calls == ["langson.txt", "baclieu.txt"]
    assert not Article.objects.exists() and not Event.objects.exists()  # the first one was rolled back
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="job-error"' in page
    assert "Lỗi hệ thống khi nhập các bài báo; không bài nào được lưu." in page


def test_a_batch_of_only_unreadable_files_is_answered_at_once_without_a_job(alice: Any) -> None:
    response = client_for(alice).post(
        reverse("press:upload"), {"articles": [SimpleUploadedFile("bai.pdf", b"%PDF-1.4", "application/pdf")]}
    )
    assert response.status_code == 200 and "chỉ nhận tệp .txt, .html hoặc .htm" in response.content.decode()
    assert not IngestJob.objects.exists()
