"""What notifications registers with the workflow kit (`core.workflow.on_transition`): core never imports it."""

from __future__ import annotations


def register() -> None:
    """Register the post-transition hooks of the workflows whose moves are told to someone."""
