"""Đơn thư: enrichment (field suggestion, duplicate check, NER redaction) in the analysis process."""

from __future__ import annotations

import collections
import datetime as dt
import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import history_row
from danvan.petitions import rules, search, writelock
from danvan.petitions.models import (
    Channel,
    DuplicateCandidate,
    Field,
    Kind,
    Petition,
    PetitionBand,
    PetitionHistory,
    State,
)
from danvan.petitions.services.identity import identity_of, protect, redact
from danvan.petitions.services.journal import (
    INGEST_BATCH,
    INGEST_BATCH_IN_BURST,
    _journal_burst,
    _max_defer,
    ingest_journal,
    journal_waited,
)
from danvan.petitions.workflow import WORKFLOW
from danvan.territory import naming
from danvan.territory.models import AdminUnit

logger = logging.getLogger(__name__)


_suggest_lock = threading.Lock()  # underthesea's tokenizer is not thread-safe (gunicorn --threads)


def _suggest(text: str) -> tuple[Field | None, float | None]:
    from danvan.petitions import training

    try:
        with _suggest_lock:
            suggestions = training.suggest(text)
    except (OSError, ValueError) as exc:  # the suggestion is a help, never a reason to lose a petition
        logger.warning("Field suggestion unavailable: %s", exc.__class__.__name__)
        return None, None
    if not suggestions:
        return None, None
    code, prob = suggestions[0]
    return Field.objects.filter(code=code, is_active=True).first(), prob


# --- enrichment: receipt first; field suggestion and duplicate check in a separate process -------------
#
# The web workers only mark a new petition pending (`enrich_queued_at`); they never import the classifier
# (underthesea, scikit-learn) nor the MinHash engine (datasketch, numpy). `danvan petitions enrich
# --watch` (started by `make run` beside gunicorn) polls the pending queue and runs `enrich_petition`.


def _enrich_synchronously() -> bool:
    """`PETITIONS_ENRICH_SYNC` (default: True under tests): enrich right after the write, in the caller."""
    return bool(settings.PETITIONS_ENRICH_SYNC)


def enrich_petition(petition_id: int) -> bool:
    """Compute the field suggestion and the duplicate candidates of a pending petition.

    Idempotent: returns False when the petition is already enriched (or gone). The expensive work (the
    classifier, the MinHash signature and the band lookup) runs outside the write transaction; the
    write locks the row and applies the results only if the petition is still pending. A new petition
    (still "received") without a chosen field takes the suggested one and is re-routed by it.
    """
    from danvan.petitions import duplicates

    row = (
        Petition.objects.filter(pk=petition_id, enrich_queued_at__isnull=False)
        .only(
            "pk",
            "kind",
            "title",
            "content",
            "identity_enc",
            "field_id",
            "place_id",
            # the declared identity, for the Open311 title's NER pass (`identity_of`)
            "petitioner_name",
            "petitioner_phone",
            "petitioner_email",
            "petitioner_address",
            "petitioner_id_enc",
        )
        .first()
    )
    if row is None:
        return False
    redacted: dict[str, str] = {}
    if row.identity_enc:
        original = identity_of(row)
        text = duplicates.dedup_text(original.get("title", row.title), original.get("content", row.content))
        # The NER pass: person names the rules at intake could not know (relatives, witnesses) are blanked.
        shadow = Petition(identity_enc=row.identity_enc)
        protect(shadow, original, original, names=True)
        redacted = {
            k: getattr(shadow, k) for k in ("title", "content", "accused", "accused_act") if k in original
        }
        redacted["public_title"] = shadow.title
    else:
        text = duplicates.dedup_text(row.title, row.content)
        if row.kind in (Kind.FEEDBACK, Kind.PROPOSAL):  # published by Open311: the NER pass on its title
            redacted["public_title"] = redact(row.title, identity_of(row), names=True)[:200]
    suggested, probability = _suggest(text)
    analysis = duplicates.analyse(text, place_id=row.place_id, exclude=[petition_id])
    sig, candidates = analysis.signature, analysis.candidates
    with writelock.writer_turn(), transaction.atomic():
        petition = (
            Petition.objects.select_for_update(of=("self",))
            .select_related("unit", "place", "received_unit")
            .filter(pk=petition_id, enrich_queued_at__isnull=False)
            .first()
        )
        if petition is None:
            return False
        changes: dict[str, list[Any]] = {
            "suggested_field": [None, suggested.code if suggested else None],
            "duplicate_candidates": [None, [pk for pk, _ in candidates]],
        }
        routed: PetitionHistory | None = None
        petition.suggested_field = suggested
        petition.suggested_probability = probability
        petition.signature = sig
        petition.enrich_queued_at = None
        for key, value in redacted.items():
            setattr(petition, key, value)
        if row.identity_enc and redacted:
            petition.search_text = search.search_text_for(
                petition.tracking_code,
                petition.title,
                petition.content,
                petition.accused,
                petition.decision_complained,
            )
        if petition.field_id is None and suggested is not None:
            petition.field = suggested
            changes["field"] = [None, suggested.code]
            if petition.state == State.RECEIVED and petition.place is not None:
                competent = rules.competent_unit(
                    kind=petition.kind,
                    field=suggested,
                    place=petition.place,
                    on=clock.local_date(petition.received_at),
                )
                if competent.pk != petition.unit_id:
                    changes["unit"] = [petition.unit.code, competent.code]
                    routed = _routing_step(petition, competent, suggested)
                    petition.unit = competent
                    petition.is_skip_level = petition.received_unit.level < competent.level
        petition.save(
            update_fields=[
                "suggested_field",
                "suggested_probability",
                "signature",
                "enrich_queued_at",
                "field",
                "unit",
                "is_skip_level",
                *redacted,
                *(["search_text"] if row.identity_enc and redacted else []),
            ]
        )
        if routed is not None:
            routed.save()
        PetitionBand.objects.bulk_create(analysis.rows(petition.pk))  # none for a copy: it joins the group
        DuplicateCandidate.objects.bulk_create(
            [DuplicateCandidate(petition=petition, candidate_id=pk, score=s) for pk, s in candidates]
        )
        found = f", {len(candidates)} đơn có thể trùng" if candidates else ""
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=petition,
            unit=petition.unit,
            summary=(
                f"Phân tích tự động đơn {petition.tracking_code}: gợi ý lĩnh vực "
                f"{suggested.name if suggested else 'không có'}{found}"
            ),
            changes=changes,
        )
    return True


def _routing_step(petition: Petition, competent: AdminUnit, field: Field) -> PetitionHistory:
    """The public step that tells the citizen the competent body changed after the receipt, and why."""
    before = naming.competent_body(petition.unit, petition.kind)
    after = naming.competent_body(competent, petition.kind)
    note = (
        f"Đơn thuộc lĩnh vực “{field.name}”, thuộc thẩm quyền giải quyết của {after}; "
        f"chuyển từ {before} đến {after}."
    )
    row = history_row(
        WORKFLOW,
        petition,
        actor=None,
        action="route",
        from_state=petition.state,
        reason=note,
        public_note=note,
    )
    assert isinstance(row, PetitionHistory)
    return row


# Officers' petitions (desk, reception, dialogue) and imported rows are analysed by a task after their commit
# (`petitions.analysis`); the watch loop leaves them to it for TASK_GRACE_SECONDS.
TASK_CHANNELS = (Channel.DESK, Channel.RECEPTION, Channel.DIALOGUE, Channel.IMPORT)
TASK_GRACE_SECONDS = 120


def pending_ids(
    *, limit: int = 100, exclude: Collection[int] = (), leave_to_tasks: bool = False
) -> list[int]:
    """Ids of the petitions waiting for their analysis, oldest first (partial index). `leave_to_tasks`
    (the watch loop): without the officers' petitions queued in the last minutes, which their task
    analyses (`petitions.analysis`); those still pending later are taken (a task lost with its worker)."""
    queryset = Petition.objects.filter(enrich_queued_at__isnull=False)
    if exclude:
        queryset = queryset.exclude(pk__in=list(exclude))
    if leave_to_tasks:
        recent = timezone.now() - dt.timedelta(seconds=TASK_GRACE_SECONDS)
        queryset = queryset.exclude(channel__in=TASK_CHANNELS, enrich_queued_at__gte=recent)
    return list(queryset.order_by("enrich_queued_at", "pk").values_list("pk", flat=True)[:limit])


def pending_count() -> int:
    return Petition.objects.filter(enrich_queued_at__isnull=False).count()


def enrich_pending(*, limit: int | None = None) -> int:
    """Enrich every pending petition, oldest first (the catch-up after a worker died); returns the count.

    Journaled public submissions are entered in the register first (`ingest_journal`)."""
    while ingest_journal():
        pass
    done = 0
    while limit is None or done < limit:
        batch = pending_ids()
        if not batch:
            break
        progressed = False
        from danvan.petitions import campaigns  # the MinHash engine: never in the web workers

        joined = campaigns.join_copies(
            batch if limit is None else batch[: limit - done], enrich_petition=enrich_petition
        )
        done += len(joined)
        progressed = bool(joined)
        for pk in batch:
            if limit is not None and done >= limit:
                break
            if pk in joined:
                continue
            if enrich_petition(pk):
                done += 1
                progressed = True
        if not progressed:
            break
    while search.merge_step():  # the full-text index merge the submissions left (see search.merge_step)
        pass
    return done


@dataclass
class WatchStats:
    ingested: int = 0
    enriched: int = 0
    failed: int = 0


def watch_pending(
    *,
    stop: threading.Event,
    interval: float = 0.5,
    batch: int = 50,
    report: Callable[[str], None] | None = None,
) -> WatchStats:
    """The enrichment process (`danvan petitions enrich --watch`): analyse pending petitions until `stop`.

    Polls the pending queue every `interval` seconds when it is empty, and yields to a burst of
    submissions (`_burst_in_progress`) for at most a minute; checks `stop` between petitions,
    so a stop request (SIGTERM) ends it after the petition in hand (each one is its own transaction:
    nothing is half-written, what is left stays pending for the next start). A petition whose analysis
    fails is logged and skipped until the process restarts; a lost database connection is retried.
    """
    from django.db import DatabaseError, close_old_connections, connection

    say = report or (lambda line: logger.info("%s", line))
    stats = WatchStats()
    failed: set[int] = set()
    db_errors: collections.Counter[int] = collections.Counter()
    while not stop.is_set():
        if not connection.in_atomic_block:  # (a test runs it inside its transaction)
            close_old_connections()  # drops a connection past its CONN_MAX_AGE or broken
        try:
            # The register first: the public form's journaled submissions, a batch at a time. During a
            # burst of submissions the receipts go first: the register waits (at most
            # PETITIONS_INGEST_MAX_DEFER_SECONDS), then takes small batches that hold the lock briefly.
            journal_burst = _journal_burst()
            ingested = 0
            if not journal_burst or journal_waited() >= _max_defer(
                settings.PETITIONS_INGEST_MAX_DEFER_SECONDS
            ):
                size = INGEST_BATCH_IN_BURST if journal_burst else INGEST_BATCH
                ingested = ingest_journal(limit=size)
                if ingested:
                    stats.ingested += ingested
                    say(f"Đã vào sổ {ingested} đơn nhận qua cổng công khai (tổng {stats.ingested}).")
                    if ingested >= size:
                        continue  # more are waiting: the register before the analyses
            ids = pending_ids(limit=batch, exclude=failed, leave_to_tasks=True)
            burst = journal_burst or (bool(ids) and _burst_in_progress())
        except DatabaseError as exc:
            say(f"Không đọc được hàng đợi ({exc.__class__.__name__}): thử lại sau {interval:g} giây.")
            _drop_connection()
            stop.wait(max(interval, 1.0))
            continue
        if burst:
            stop.wait(interval)  # the receipts go first; the analyses follow right after the burst
            continue
        if not ids:
            # Idle: merge the full-text index a little (taken off the submissions, see search.merge_step).
            if not _merge_index(stop, steps=50):
                stop.wait(interval)
            continue
        started = stats.enriched
        from danvan.petitions import campaigns  # the MinHash engine: never in the web workers

        try:
            joined = campaigns.join_copies(
                ids, enrich_petition=enrich_petition
            )  # copies of one letter together
        except DatabaseError:
            logger.exception("Enrichment of a batch of copies: database error, retried one by one")
            _drop_connection()
            joined = set()
        stats.enriched += len(joined)
        for pk in ids:
            if stop.is_set():
                break
            if pk in joined:
                continue
            try:
                if enrich_petition(pk):
                    stats.enriched += 1
            except DatabaseError:
                logger.exception("Enrichment of petition %s: database error, retried later", pk)
                db_errors[pk] += 1
                if db_errors[pk] >= 3:  # not a passing outage: this petition's own problem
                    failed.add(pk)
                    stats.failed += 1
                _drop_connection()
                stop.wait(max(interval, 1.0))
                break
            except Exception:  # one bad petition must not stop the analyses of the others
                logger.exception("Enrichment of petition %s failed; it stays pending", pk)
                failed.add(pk)
                stats.failed += 1
        if stats.enriched > started:
            say(f"Đã phân tích {stats.enriched - started} đơn (tổng {stats.enriched}).")
        _merge_index(stop, steps=5)  # keep the index compact during a long burst too
    return stats


BURST_IDLE_SECONDS = 0.5


def _burst_in_progress() -> bool:
    """Submissions are arriving (the newest pending one is under 0.5 s old) and the oldest pending one has
    waited less than `PETITIONS_ENRICH_MAX_DEFER_SECONDS` (default 60): the analysis process then yields
    the CPU and the database's write lock to the intake."""
    from django.db.models import Max, Min

    span = Petition.objects.filter(enrich_queued_at__isnull=False).aggregate(
        oldest=Min("enrich_queued_at"), newest=Max("enrich_queued_at")
    )
    if span["newest"] is None:
        return False
    now = timezone.now()
    max_defer = _max_defer(settings.PETITIONS_ENRICH_MAX_DEFER_SECONDS)
    return bool(
        (now - span["newest"]).total_seconds() < BURST_IDLE_SECONDS
        and (now - span["oldest"]).total_seconds() < max_defer
    )


def _merge_index(stop: threading.Event, *, steps: int) -> bool:
    """A few steps of the full-text index merge; True if there may be more to do."""
    from django.db import DatabaseError

    more = False
    for _ in range(steps):
        if stop.is_set():
            break
        try:
            more = search.merge_step()
        except DatabaseError:
            logger.exception("Full-text index merge failed; retried later")
            return False
        if not more:
            break
    return more


def _drop_connection() -> None:
    from django.db import connection

    if connection.in_atomic_block:
        return
    try:
        connection.close()
    except Exception:  # the connection is already broken; a new one is opened next time
        logger.debug("closing a broken database connection failed", exc_info=True)
