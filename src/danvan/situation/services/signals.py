"""The ledger's signals gathered from the other modules (through their selectors only): petitions by
their field, dialogue questions and press events by the petitions' field classifier (keywords as the
fallback), each with the duplicate engine's MinHash signature; then the near-identical copies within each
(topic, place) are clustered (`clusters`). Situation reports add their own signals when filed (clustered
at the next run). Runs in the worker or a management command, never in a web request (the classifier
loads underthesea and scikit-learn). Re-running is harmless (one row per source record and topic)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.accounts.scoping import Scope
from danvan.core import clock
from danvan.engagement import selectors as engagement
from danvan.petitions import selectors as petitions
from danvan.petitions import services as analysis
from danvan.press import selectors as press
from danvan.situation.classify import Taxonomy, taxonomy
from danvan.situation.models import Signal, Source
from danvan.situation.services.clusters import cluster_pending

EVERYTHING = Scope(user_id=None, is_admin=True)
BATCH = 2000
#: a press event's topic comes from the classifier only when it is this sure (headlines are short and
#: often about the mobilisation work itself); below, the keywords decide or the event is left out
PRESS_MIN_PROBABILITY = 0.7


def _province_of(path: str, ids: dict[str, int]) -> int | None:
    parts = path.strip("/").split("/")
    return ids.get("/".join(parts[:2]) + "/") if len(parts) >= 2 else None


def _provinces() -> dict[str, int]:
    from danvan.territory.models import AdminUnit, Level

    return dict(AdminUnit.objects.filter(level=Level.PROVINCE).values_list("path", "id"))


def collect(*, since: dt.date, until: dt.date | None = None) -> dict[str, int]:
    """Add the signals of [since, until] (default today) from petitions, dialogues and the press."""
    until = until or clock.today()
    tax = taxonomy()
    provinces = _provinces()
    counts = {
        Source.PETITION: _save(_petitions(tax, provinces, since, until)),
        Source.DIALOGUE: _save(_dialogues(tax, provinces, since, until)),
        Source.PRESS: _save(_press(tax, since, until)),
    }
    out = {str(k): v for k, v in counts.items()}
    out["clustered"] = cluster_pending()
    return out


def _save(rows: list[Signal]) -> int:
    with transaction.atomic():
        for i in range(0, len(rows), BATCH):
            Signal.objects.bulk_create(rows[i : i + BATCH], ignore_conflicts=True)
    return len(rows)


def _petitions(tax: Taxonomy, provinces: dict[str, int], since: dt.date, until: dt.date) -> list[Signal]:
    rows = (
        petitions.petitions_for(EVERYTHING, date_from=since, date_to=until)
        .order_by()
        .values_list(
            "id", "tracking_code", "title", "field__code", "unit_id", "unit__path", "received_at", "signature"
        )
    )
    out = []
    for pk, code, title, field, unit_id, path, at, sig in rows.iterator(chunk_size=BATCH):
        topic = tax.for_field(field)
        if topic is None:
            continue
        out.append(
            Signal(
                source=Source.PETITION,
                source_id=pk,
                page_id=pk,
                code=code,
                title=(title or "")[:200],  # the register's redacted working copy, never the sender
                topic_id=topic,
                unit_id=unit_id,
                province_id=_province_of(path, provinces),
                on=clock.local_date(at),
                signature=bytes(sig) if sig else None,  # the petition's own (enrichment), full text
            )
        )
    return out


def _dialogues(tax: Taxonomy, provinces: dict[str, int], since: dt.date, until: dt.date) -> list[Signal]:
    rows: Any = (
        engagement.dialogues(EVERYTHING)
        .filter(
            questions__submitted_at__gte=clock.start_of_day(since),
            questions__submitted_at__lte=clock.end_of_day(until),
        )
        .order_by()
        .values_list(
            "questions__id", "id", "questions__text", "unit_id", "unit__path", "questions__submitted_at"
        )
    )
    out = []
    for pk, dialogue_id, text, unit_id, path, at in rows.iterator(chunk_size=BATCH):
        topic = tax.for_classified(text or "", analysis.suggest_field(text or ""))
        if topic is None:
            continue
        out.append(
            Signal(
                source=Source.DIALOGUE,
                source_id=pk,
                page_id=dialogue_id,
                code=f"HN{dialogue_id}",
                title=(text or "")[:200],
                topic_id=topic,
                unit_id=unit_id,
                province_id=_province_of(path, provinces),
                on=clock.local_date(at),
                signature=analysis.text_signature(text or ""),
            )
        )
    return out


def _press(tax: Taxonomy, since: dt.date, until: dt.date) -> list[Signal]:
    rows = (
        press.visible_events(EVERYTHING)
        .filter(date__gte=since, date__lte=until, province__isnull=False)
        .order_by()
        .values_list("id", "title", "themes", "province_id", "date")
    )
    out = []
    for pk, title, themes, province_id, day in rows.iterator(chunk_size=BATCH):
        text = " ".join([title or "", *[str(t) for t in themes or []]])
        topic = tax.for_classified(  # a press event counts only when it is about a topic
            text, analysis.suggest_field(text), fallback=False, min_probability=PRESS_MIN_PROBABILITY
        )
        if topic is None:
            continue
        out.append(
            Signal(
                source=Source.PRESS,
                source_id=pk,
                page_id=pk,
                code=f"SK{pk}",
                title=(title or "")[:200],
                topic_id=topic,
                unit_id=province_id,
                province_id=province_id,
                on=day or until,
                signature=analysis.text_signature(text),
            )
        )
    return out
