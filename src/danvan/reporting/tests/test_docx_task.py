"""A report's DOCX is generated in the background (django.tasks, #17 item 3): the page queues a job, the
worker writes the document, the page shows the progress, then the download; a failure is said in
Vietnamese and leaves no file and no export in the audit log."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from danvan.conftest import Units, client_for
from danvan.core.models import AuditAction, AuditEntry
from danvan.reporting import exports, services
from danvan.reporting.models import Period, Report, ReportDocxJob
from danvan.reporting.tests.test_reports import SECTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def report(units: Units, year: Period, pat: Any) -> Report:
    report = services.start_report(actor=pat, unit=units.province, period=year)
    return services.update_report(actor=pat, report=report, version=report.version, **SECTIONS)


def _exports() -> int:
    return AuditEntry.objects.filter(action=AuditAction.EXPORT).count()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when its batch ends
def test_the_report_page_queues_the_docx_and_the_worker_writes_it_for_the_person_who_asked(
    report: Report, pat: Any, carol: Any, database_tasks: None
) -> None:
    from django.core.management import call_command

    client = client_for(pat)
    assert (
        'data-testid="docx-start"'
        in client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    )
    response = client.post(reverse("reporting:report_docx_start", args=[report.pk]))
    job = ReportDocxJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reporting:report_docx_job", args=[job.pk]
    )
    assert job.status == "queued" and _exports() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Đang chờ" in page and 'hx-trigger="every 2s"' in page and "docx-download" not in page
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and Path(job.stored_path).exists() and _exports() == 1
    assert b"PK" not in Path(job.stored_path).read_bytes()[:2]  # kept encrypted
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="docx-download"' in page and "hx-trigger" not in page
    download = client.get(reverse("reporting:report_docx_download", args=[job.pk]))
    assert download["Content-Type"] == exports.DOCX_MIME
    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "TỔNG KẾT CÔNG TÁC DÂN VẬN NĂM 2025" in text.upper()
    other = client_for(carol)  # sees the province, but did not ask
    assert other.get(response["Location"]).status_code == 404
    assert other.get(reverse("reporting:report_docx_download", args=[job.pk])).status_code == 404


def test_the_docx_page_shows_the_step_the_worker_is_at(report: Report, pat: Any) -> None:
    job = ReportDocxJob.objects.create(actor=pat, report=report, total=2)
    ReportDocxJob.objects.filter(pk=job.pk).update(status="running", done=1, stage="Đang soạn văn bản DOCX")
    page = client_for(pat).get(reverse("reporting:report_docx_job", args=[job.pk])).content.decode()
    assert "Đang chạy" in page and "Đang soạn văn bản DOCX" in page and '<progress max="2" value="1"' in page


def test_a_docx_that_fails_is_said_in_vietnamese_and_leaves_no_file_and_no_export_recorded(
    report: Report, pat: Any, monkeypatch: Any, settings: Any
) -> None:
    from danvan.reporting.services import conferences, documents

    def audit_down(**kwargs: Any) -> None:
        conferences.record_export(**kwargs)  # written, then rolled back with the transaction
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(documents, "record_export", audit_down)
    client = client_for(pat)
    response = client.post(reverse("reporting:report_docx_start", args=[report.pk]))
    job = ReportDocxJob.objects.get()
    assert job.status == "failed" and not job.stored_path and _exports() == 0
    assert not list((Path(settings.MEDIA_ROOT) / "jobs" / "reporting").glob("*.bin"))
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="job-error"' in page and "Lỗi hệ thống khi tạo văn bản báo cáo" in page
    assert client.get(reverse("reporting:report_docx_download", args=[job.pk])).status_code == 404


def test_a_docx_job_whose_worker_died_is_shown_interrupted_with_a_button_that_runs_it_again(
    report: Report, pat: Any, settings: Any
) -> None:
    import datetime as dt

    from danvan.core import clock

    job = ReportDocxJob.objects.create(actor=pat, report=report, total=2)
    ReportDocxJob.objects.filter(pk=job.pk).update(
        status="running",
        done=1,
        heartbeat_at=clock.now() - dt.timedelta(seconds=settings.JOB_STALE_SECONDS + 1),
    )
    client = client_for(pat)
    page = client.get(reverse("reporting:report_docx_job", args=[job.pk])).content.decode()
    assert "Tác vụ bị gián đoạn (máy chủ xử lý dừng giữa chừng). Hãy chạy lại." in page
    again = reverse("reporting:report_docx_start", args=[report.pk])
    assert 'data-testid="job-again"' in page and f'action="{again}"' in page and "hx-trigger" not in page
    response = client.post(again)
    assert response.status_code == 302 and ReportDocxJob.objects.count() == 2  # a new job, queued
