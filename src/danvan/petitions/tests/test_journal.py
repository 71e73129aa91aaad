"""The public form's intake journal: the receipt first, the register right after (services.ingest_journal)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from danvan.core import audit
from danvan.core.models import AuditEntry
from danvan.petitions import selectors, services
from danvan.petitions.models import Attachment, IntakeJournal, Petition, PetitionHistory, State
from danvan.petitions.tests.conftest import PNG, denunciation_data
from danvan.reporting import counts

pytestmark = pytest.mark.django_db

NAME = "Trần Thị Giấu Tên"


@pytest.fixture
def journal_on(settings: Any) -> None:
    settings.PETITIONS_INTAKE_JOURNAL = True
    settings.PETITIONS_RATE_LIMIT_PER_HOUR = 1000


def _submit(client: Any, data: dict[str, Any], **extra: Any) -> str:
    response = client.post("/petitions/gui-don/", {**data, **extra})
    assert response.status_code == 302, response.content[:500]
    return str(response["Location"]).rstrip("/").rsplit("/", 1)[-1]


def test_the_public_form_answers_from_the_journal_and_the_register_follows(client, make_data, journal_on):
    code = _submit(client, make_data(), attachments=SimpleUploadedFile("a.png", PNG))
    assert not Petition.objects.filter(tracking_code=code).exists()
    assert IntakeJournal.objects.filter(tracking_code=code).exists()

    assert services.ingest_journal() == 1
    petition = Petition.objects.get(tracking_code=code)
    assert not IntakeJournal.objects.exists()
    assert petition.state == State.RECEIVED and petition.channel == "web"
    assert petition.due_date is not None and petition.search_text
    assert petition.enrich_queued_at is not None  # the analysis follows as for any submission
    assert list(PetitionHistory.objects.filter(petition=petition).values_list("action", flat=True)) == [
        "receive"
    ]
    assert Attachment.objects.filter(petition=petition).count() == 1
    entry = AuditEntry.objects.get(object_type="petitions.petition", object_id=str(petition.pk))
    assert code in entry.summary and entry.action == "create"
    assert audit.verify().ok


def test_a_citizen_tracks_a_journaled_submission_by_code_before_it_is_in_the_register(
    client, make_data, journal_on
):
    code = _submit(client, make_data())
    status = selectors.public_status(code)
    assert status is not None and status.state_code == State.RECEIVED and status.steps
    page = client.get(f"/petitions/tra-cuu/?code={code}")
    assert page.status_code == 200 and code in page.content.decode()
    assert "Nguyễn Văn Bình" not in page.content.decode()  # no personal data on public pages
    services.ingest_journal()
    assert selectors.public_status(code).state_code == State.RECEIVED  # type: ignore[union-attr]


def test_a_journaled_denunciation_holds_the_identity_only_encrypted(client, make_data, journal_on):
    code = _submit(client, denunciation_data(make_data, NAME))
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM petitions_intakejournal")
        (raw,) = cursor.fetchone()
    assert NAME not in str(raw) and "0912345678" not in str(raw)
    services.ingest_journal()
    petition = Petition.objects.get(tracking_code=code)
    assert petition.petitioner_name == "" and NAME not in petition.content
    assert services.identity_of(petition)["name"] == NAME


def test_the_register_entries_match_the_records_counts_and_a_synchronous_submission(
    client, make_data, journal_on, settings
):
    codes = [_submit(client, make_data(title=f"Đường sụt lún {i}")) for i in range(5)]
    assert services.ingest_journal(limit=2) == 2  # oldest first, a batch at a time
    assert set(IntakeJournal.objects.values_list("tracking_code", flat=True)) == set(codes[2:])
    assert services.ingest_journal() == 3
    settings.PETITIONS_INTAKE_JOURNAL = False
    direct = _submit(client, make_data())
    assert Petition.objects.filter(tracking_code=direct).exists()  # journal off: in the register at once
    assert counts.mismatches() == []  # the aggregate counts the indicators read stay exact
    assert audit.verify().ok


def test_a_journaled_row_that_cannot_be_entered_keeps_its_error_and_blocks_no_other(
    client, make_data, journal_on
):
    good = _submit(client, make_data())
    bad = _submit(client, make_data(title="Hỏng"))
    later = _submit(client, make_data(title="Sau"))
    row = IntakeJournal.objects.get(tracking_code=bad)
    row.payload["petition"]["received_at"] = "không phải ngày"  # damaged: cannot be read back
    row.save()

    assert services.ingest_journal() == 2
    assert set(Petition.objects.values_list("tracking_code", flat=True)) >= {good, later}
    kept = IntakeJournal.objects.get(tracking_code=bad)
    assert kept.error and services.journal_count() == 0
    assert services.ingest_journal() == 0  # left aside, not retried in a loop
    assert audit.verify().ok


def test_the_watcher_enters_journaled_submissions_then_analyses_them(
    client, make_data, journal_on, asynchronous
):
    codes = [_submit(client, make_data(title=f"Cống tắc {i}")) for i in range(3)]
    stop = threading.Event()
    lines: list[str] = []

    def report(line: str) -> None:
        lines.append(line)
        if line.startswith("Đã phân tích"):
            stop.set()

    stats = services.watch_pending(stop=stop, interval=0.01, report=report)
    assert stats.ingested == 3 and stats.enriched == 3
    assert lines[0] == "Đã vào sổ 3 đơn nhận qua cổng công khai (tổng 3)."
    assert Petition.objects.filter(tracking_code__in=codes, enrich_queued_at__isnull=True).count() == 3


def test_a_burst_of_submissions_defers_the_register_but_not_past_the_limit(
    client, make_data, journal_on, settings
):
    for i in range(services.BURST_PER_SECOND):
        _submit(client, make_data(title=f"Loạt {i}"))
    IntakeJournal.objects.update(received_at=timezone.now())  # all within the last second
    assert services.journal._journal_burst()

    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    stats = services.watch_pending(stop=stop, interval=0.01)
    assert stats.ingested == 0  # the receipts go first

    settings.PETITIONS_INGEST_MAX_DEFER_SECONDS = 0  # waited long enough: small batches go in
    stop = threading.Event()
    stats = services.watch_pending(stop=stop, interval=0.01, report=lambda line: stop.set())
    assert stats.ingested == services.BURST_PER_SECOND <= services.INGEST_BATCH_IN_BURST
    assert services.journal_count() == 0


def test_healthz_reports_the_journal_and_turns_degraded_when_nobody_enters_it(client, make_data, journal_on):
    assert client.get("/healthz").json()["petitions_journal"] == {
        "ok": True,
        "waiting": 0,
        "oldest_waiting_s": 0.0,
        "errors": 0,
    }
    _submit(client, make_data())
    IntakeJournal.objects.update(received_at=timezone.now() - dt.timedelta(minutes=11))
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200  # the site still serves: receipts are issued
    assert body["status"] == "degraded" and body["petitions_journal"]["waiting"] == 1
    assert body["petitions_journal"]["ok"] is False
    services.ingest_journal()
    assert client.get("/healthz").json()["status"] == "ok"


def test_a_database_outage_while_entering_the_journal_leaves_every_row_waiting_untouched(
    client, make_data, journal_on, monkeypatch
):
    from django.db import OperationalError

    _submit(client, make_data())

    def locked(limit: int, only: int | None = None) -> int:
        raise OperationalError("database is locked")

    monkeypatch.setattr(services.journal, "_ingest", locked)
    with pytest.raises(OperationalError):
        services.ingest_journal()
    assert IntakeJournal.objects.filter(error="").count() == 1  # not left aside: retried later
    monkeypatch.undo()
    assert services.ingest_journal() == 1
