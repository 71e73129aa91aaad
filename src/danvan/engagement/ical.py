"""iCalendar (RFC 5545) export of the engagement calendar, written by hand: CRLF line ends, lines folded
at 75 octets, TEXT values escaped, a UID and DTSTAMP on every event, times in UTC ("Z") and all-day
events as DATE values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.engagement.selectors import CalendarEvent

PRODID = "-//Dan Van//Tiep cong dan va doi thoai//VI"


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line so that no physical line exceeds 75 octets (§3.1), never splitting a UTF-8 char."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    limit = 75
    for char in line:
        size = len(char.encode("utf-8"))
        if len(current.encode("utf-8")) + size > limit:
            parts.append(current)
            current = ""
            limit = 74  # continuation lines start with one space
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: CalendarEvent, stamp: str, base_url: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    if event.starts_at is not None:
        lines.append(f"DTSTART:{_utc(event.starts_at)}")
        if event.ends_at is not None and event.ends_at > event.starts_at:
            lines.append(f"DTEND:{_utc(event.ends_at)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{escape_text(event.title + ' — ' + event.unit_name)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url and base_url:
        lines.append(f"URL:{base_url.rstrip('/')}{event.url}")
    category = {
        "reception": "TIEP-CONG-DAN",
        "planned_reception": "LICH-TIEP-CONG-DAN",
        "dialogue": "DOI-THOAI",
    }
    lines.append(f"CATEGORIES:{category.get(event.kind, 'KHAC')}")
    if event.kind == "planned_reception":
        lines.append("STATUS:TENTATIVE")
    else:
        lines.append("STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def to_ical(events: Iterable[CalendarEvent], *, name: str, now: dt.datetime, base_url: str = "") -> str:
    stamp = _utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for event in events:
        lines += _event_lines(event, stamp, base_url)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
