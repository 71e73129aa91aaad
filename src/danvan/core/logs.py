"""One time zone in every log: each line starts with its instant in Vietnam time, ISO 8601 with offset.

Used by Django's LOGGING (web workers, commands, the analysis process) and by gunicorn's error and access
logs (`gunicorn.conf.py`), whatever the machine's TZ variable says.
"""

from __future__ import annotations

import datetime as dt
import logging

from danvan.core.clock import VN_TZ

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class LocalTimeFormatter(logging.Formatter):
    """`%(asctime)s` as `2026-12-03T01:05:00.123+07:00`."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        instant = dt.datetime.fromtimestamp(record.created, tz=VN_TZ)
        return instant.isoformat(timespec="milliseconds")
