"""Đơn thư: the intake journal, the public form's receipt first, the register right after."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.core import audit
from danvan.core.prepared import PreparedInsert, from_row, to_row
from danvan.core.workflow import TransitionRecord, announce
from danvan.petitions import writelock
from danvan.petitions.models import (
    Attachment,
    IntakeJournal,
    Petition,
    PetitionHistory,
)
from danvan.petitions.workflow import received

logger = logging.getLogger(__name__)


# --- the intake journal: the public form's receipt first, the register right after ---------------------
#
# A citizen's submission through the public form is validated, routed and given its deadline and tracking
# code in the request, then written as one row of `IntakeJournal` (one short transaction) and answered with
# the receipt. The analysis process (`danvan petitions enrich --watch`, started by `make run`) enters the
# journaled submissions in the register in batches (`ingest_journal`): the petition, its history row, its
# attachments and its audit row, in one transaction per batch. The tracking page finds a journaled
# submission by its code meanwhile (`selectors.public_status`).


def _journal_intake() -> bool:
    """`PETITIONS_INTAKE_JOURNAL` (default: on, off under tests): the public form writes to the journal."""
    return bool(settings.PETITIONS_INTAKE_JOURNAL)


def _journal(
    petition: Petition, history: TransitionRecord, entry: Any, attachments: Sequence[Attachment]
) -> None:
    row = IntakeJournal(
        tracking_code=petition.tracking_code,
        received_at=petition.received_at,
        payload={
            "petition": to_row(petition),
            "history": to_row(history),
            "audit": to_row(entry),
            "attachments": [to_row(a) for a in attachments],
        },
    )
    insert = PreparedInsert(row)
    # One small row: the write lock is held for a fraction of a millisecond, and SQLite's own wait for it
    # costs less here than queueing on `writelock` (measured: 332 vs 422 receipts/s under load).
    with transaction.atomic():
        insert.execute()


def rows_of(payload: Mapping[str, Any]) -> tuple[Petition, PetitionHistory, Any, list[Attachment]]:
    """The unsaved rows a journal payload holds: the petition, its history row, audit row, attachments."""
    from danvan.core.models import AuditEntry

    petition = from_row(Petition, payload["petition"])
    history = from_row(PetitionHistory, payload["history"])
    entry = from_row(AuditEntry, payload["audit"])
    files = [from_row(Attachment, a) for a in payload.get("attachments", [])]
    return petition, history, entry, files  # type: ignore[return-value]


def journal_count() -> int:
    return IntakeJournal.objects.filter(error="").count()


INGEST_BATCH = 500


INGEST_BATCH_IN_BURST = 25


BURST_PER_SECOND = 20


def _journal_burst() -> bool:
    """A burst of public submissions: `BURST_PER_SECOND` or more journaled within the last second."""
    nth = IntakeJournal.objects.order_by("-pk").values_list("received_at", flat=True)[
        BURST_PER_SECOND - 1 : BURST_PER_SECOND
    ]
    return any((timezone.now() - at).total_seconds() < 1.0 for at in nth)


def journal_waited() -> float:
    """Seconds the oldest journaled submission has waited for the register."""
    oldest = IntakeJournal.objects.filter(error="").order_by("pk").values_list("received_at", flat=True)[:1]
    return max([(timezone.now() - at).total_seconds() for at in oldest], default=0.0)


def _max_defer(seconds: float) -> float:
    return float(seconds)


def ingest_journal(*, limit: int = INGEST_BATCH) -> int:
    """Enter up to `limit` journaled submissions in the register, oldest first; returns how many.

    One transaction for the batch. If the batch fails, its rows are entered one by one: a row that still
    fails keeps its error (`IntakeJournal.error`, logged) and is left aside, the others go in.
    """
    from django.db import InterfaceError, OperationalError

    transient = (OperationalError, InterfaceError)  # the database, not the row: retried later as they are
    try:
        return _ingest(limit)
    except transient:
        raise
    except Exception:
        logger.exception("Intake journal: a batch failed; entering its rows one by one")
    done = 0
    pending = IntakeJournal.objects.filter(error="").order_by("pk").values_list("pk", flat=True)
    for pk in list(pending[:limit]):
        try:
            done += _ingest(1, only=pk)
        except transient:
            raise
        except Exception as exc:
            logger.exception("Intake journal: submission %s cannot be entered", pk)
            IntakeJournal.objects.filter(pk=pk).update(error=f"{exc.__class__.__name__}: {exc}"[:500])
    return done


def _ingest(limit: int, only: int | None = None) -> int:
    from django.db import connection

    with writelock.writer_turn(), transaction.atomic():
        queryset = IntakeJournal.objects.filter(error="").order_by("pk")
        if only is not None:
            queryset = queryset.filter(pk=only)
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        entries = list(queryset[:limit])
        if not entries:
            return 0
        parts = [rows_of(e.payload) for e in entries]
        Petition.objects.bulk_create([petition for petition, *_ in parts])
        histories: list[PetitionHistory] = []
        files: list[Attachment] = []
        audits = []
        for petition, history, entry, attachments in parts:
            history.petition = petition
            histories.append(history)
            for attachment in attachments:
                attachment.petition = petition
                files.append(attachment)
            entry.object_id = str(petition.pk)
            audits.append(entry)
        PetitionHistory.objects.bulk_create(histories)
        Attachment.objects.bulk_create(files)
        audit.append_many(audits)
        IntakeJournal.objects.filter(pk__in=[e.pk for e in entries]).delete()
        for petition, history, *_ in parts:
            announce(received(petition, actor=None, reason=history.reason))
    return len(entries)
