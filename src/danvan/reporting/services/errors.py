"""Refusals of the reporting services: one `Refused` per problem, or the first of several with all their
messages (the field of the first is the one the form shows it beside)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NoReturn

from danvan.core.workflow import Refused


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def refuse(errors: Mapping[str, str]) -> NoReturn:
    """Raise one `Refused` for the problems found (field → message), beside the first field."""
    field = next(iter(errors))
    raise Refused(" ".join(errors.values()), field=field)
