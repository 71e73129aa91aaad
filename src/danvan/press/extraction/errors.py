"""Exception type raised by the press extraction engine."""

from __future__ import annotations


class ExtractionError(ValueError):
    """Raised when an input cannot be turned into Vietnamese text.

    The message is in Vietnamese so that it can be shown to end users as is.
    """
