"""The letters' background work on Django's task framework (`django.tasks`): building a move's letter and
attaching it to the case runs after the move's commit, so the move itself stays fast."""

from __future__ import annotations

from django.tasks import task

from danvan.notifications import case_letters


@task()
def attach_letter(petition_id: int, kind: str, move: int) -> int | None:
    """Build the letter `kind` of the move `move` and attach it to the petition (once)."""
    letter = case_letters.attach(petition_id, kind, move)
    return None if letter is None else letter.pk
