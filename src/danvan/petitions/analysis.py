"""The analyses (field suggestion, duplicate candidates) of the petitions officers enter (desk, citizen
reception, dialogue) and of imported files, as tasks of Django's task framework (`django.tasks`, the
worker `danvan db_worker`): queued after the commit of the petition (the desk) or of the import, so
they start at once instead of waiting for the analysis loop's next poll.

The public form's submissions are not tasks: they go through the intake journal, which the loop
`danvan petitions enrich --watch` enters in the register a batch at a time and then analyses (see
docs/ARCHITECTURE.md, "Runtime": a task row per submission would cost more at intake than the journal's
one small insert). The loop leaves the officers' petitions to their task for `TASK_GRACE_SECONDS`, then
analyses any still pending (a task lost with a worker), so both never work on the same petition at once;
`enrich_petition` is idempotent anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.db import transaction
from django.tasks import task

from danvan.core.workflow import Moved, on_transition
from danvan.petitions.models import Channel
from danvan.petitions.services.enrichment import TASK_CHANNELS, _enrich_synchronously

logger = logging.getLogger(__name__)

CHUNK = 200  # petitions per task of an import


def _enabled() -> bool:
    return not _enrich_synchronously()  # under tests the write analyses at once, in the caller


@task()
def analyse(petition_ids: list[int]) -> int:
    """Analyse the petitions still pending among `petition_ids`: copies of one letter together
    (`campaigns.join_copies`), then each one (`enrich_petition`, its own transaction); returns the count.
    A petition whose analysis fails is logged and stays pending (the loop's catch-up retries it)."""
    from danvan.petitions import campaigns  # the MinHash engine: loaded by the worker, never by the web
    from danvan.petitions.services.enrichment import enrich_petition

    ids = [int(pk) for pk in petition_ids]
    joined = campaigns.join_copies(ids, enrich_petition=enrich_petition)
    done = len(joined)
    for pk in ids:
        if pk in joined:
            continue
        try:
            done += int(enrich_petition(pk))
        except Exception:  # one bad petition must not stop the others
            logger.exception("Analysis of petition %s failed; it stays pending", pk)
    return done


def analyse_later(petition_ids: Sequence[int]) -> None:
    """Queue the analyses of these petitions (in tasks of CHUNK), after the current transaction commits."""
    if not petition_ids or not _enabled():
        return
    ids = list(petition_ids)

    def enqueue() -> None:
        for start in range(0, len(ids), CHUNK):
            analyse.enqueue(ids[start : start + CHUNK])

    transaction.on_commit(enqueue)


def _on_receipt(moved: Moved) -> None:
    """A petition an officer entered is analysed by a task queued after its commit (imports queue theirs
    once the file is done: `importing.run_job`)."""
    petition = moved.record
    if moved.action == "receive" and petition.channel in TASK_CHANNELS and petition.channel != Channel.IMPORT:
        analyse_later([petition.pk])


def register() -> None:
    on_transition("petitions", _on_receipt)
