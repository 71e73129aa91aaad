"""The letters' background work on Django's task framework (`django.tasks`): building a move's letter and
attaching it to the case runs after the move's commit, so the move itself stays fast."""

from __future__ import annotations

import logging

from django.db import transaction
from django.tasks import task

from danvan.core.workflow import Moved
from danvan.notifications import case_letters

logger = logging.getLogger(__name__)


@task()
def attach_letter(petition_id: int, kind: str, move: int) -> int | None:
    """Build the letter `kind` of the move `move` and attach it to the petition (once)."""
    letter = case_letters.attach(petition_id, kind, move)
    return None if letter is None else letter.pk


def schedule(moved: Moved) -> None:
    """The workflow hook: after the move commits, queue the task that attaches its letter."""
    found = case_letters.letter_of(moved)
    if found is None:
        return
    kind, move = found
    petition_id = moved.record.pk

    def queue() -> None:
        try:
            attach_letter.enqueue(petition_id, kind, move)
        except Exception:  # the e-mail of the move builds it; `danvan notifications send` catches up
            logger.exception("Letters: the task for move %s could not be queued", move)

    transaction.on_commit(queue)
