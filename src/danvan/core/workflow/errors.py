"""The errors of a workflow move: refused (with the field to show it beside), not permitted, conflict."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


class Refused(Exception):
    """A refused move: `message` (Vietnamese, possibly lazy-translated) and the form `field` it concerns.

    Nothing was written: the transaction that raised it is rolled back.
    """

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(str(message))

    def __str__(self) -> str:
        return str(self.message)


class NotPermitted(Refused, PermissionDenied):
    """The rulebook does not let this user perform this action on this record.

    A `PermissionDenied` too, so code that does not catch it answers 403 as before.
    """


class Conflict(Refused):
    """Someone else changed the record after the user loaded it (the version no longer matches)."""
