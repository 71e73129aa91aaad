"""Poll free-text answers filed under a topic by the petitions' field classifier, in the worker.

An answer is saved with the topic its keywords give (the web never loads the classifier); after the
answer's commit the task `classify_answers` reads each free text through the ledger's path
(`classify.Taxonomy.for_classified`: the field classifier's field mapped to a topic by the editable
`Topic.petition_fields` when it is at least `classify.MIN_PROBABILITY` sure and not "other", the keywords
otherwise) and stores that topic with `classified` set. The weekly task `tasks.detect_rises` catches up
on answers a lost task left (and on those saved before the classifier filed answers). Re-running does
nothing: only answers not yet classified are read. Imports no service module, so `services.polls` can
queue it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.db import transaction
from django.tasks import task

from danvan.situation.classify import taxonomy
from danvan.situation.models import PollAnswer, QuestionKind

logger = logging.getLogger(__name__)

BATCH = 500


@task()
def classify_answers(answer_ids: list[int]) -> int:
    """File the free-text answers `answer_ids` not yet classified; returns how many."""
    return classify_pending(answer_ids=[int(pk) for pk in answer_ids])


def classify_pending(*, answer_ids: Sequence[int] | None = None) -> int:
    """File the free-text answers not yet classified (all of them, or those of `answer_ids`) under the
    classifier's topic, keywords as the fallback; one transaction per batch. Returns how many."""
    from danvan.petitions import services as analysis  # the classifier: loaded by the worker only

    pending = PollAnswer.objects.filter(classified=False, question__kind=QuestionKind.TEXT).order_by("pk")
    if answer_ids is not None:
        pending = pending.filter(pk__in=list(answer_ids))
    tax = taxonomy()
    done = 0
    last = 0
    while True:
        batch = list(pending.filter(pk__gt=last).only("pk", "text", "topic_id", "classified")[:BATCH])
        if not batch:
            return done
        for a in batch:
            a.topic_id = tax.for_classified(a.text, analysis.suggest_field(a.text)) if a.text else None
            a.classified = True
        with transaction.atomic():
            PollAnswer.objects.bulk_update(batch, ["topic", "classified"])
        done += len(batch)
        last = batch[-1].pk


def classify_later(answer_ids: Sequence[int]) -> None:
    """Queue `classify_answers` for these answers once the current transaction commits."""
    ids = [int(pk) for pk in answer_ids]
    if not ids:
        return

    def enqueue() -> None:
        try:
            classify_answers.enqueue(ids)
        except Exception:  # the keywords' topic stays until the weekly catch-up
            logger.exception("Poll answers %s: the classification task could not be queued", ids)

    transaction.on_commit(enqueue)
