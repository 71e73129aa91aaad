"""An officer's own choice of e-mails (`OfficerPreference`): read (no row: the defaults, everything on) and
written by the officer from the "Tùy chọn thông báo" page; the row is created on the first save."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from danvan.notifications.models import OfficerPreference

FIELDS = ("daily_digest", "due_alerts", "weekly_summary", "rise_alerts", "language")


class PreferenceError(ValueError):
    """A choice that cannot be saved, with a Vietnamese message."""


def preference_of(user: Any) -> OfficerPreference:
    """The officer's preferences: their row, else an unsaved one with the defaults."""
    found = OfficerPreference.objects.filter(user=user).first()
    return found if found is not None else OfficerPreference(user=user)


@transaction.atomic
def save_preferences(
    *,
    user: Any,
    daily_digest: bool,
    due_alerts: bool,
    weekly_summary: bool,
    rise_alerts: bool,
    language: str,
) -> OfficerPreference:
    """Write `user`'s own preferences (only theirs: the row is looked up by the user, never by an id from
    the request), creating the row on first save. Not audited, like the other personal settings (saved
    filters, unsubscribing): it changes only what this officer receives."""
    if language not in dict(settings.LANGUAGES):
        raise PreferenceError(gettext("Ngôn ngữ không hợp lệ."))
    preference, _ = OfficerPreference.objects.update_or_create(
        user=user,
        defaults={
            "daily_digest": daily_digest,
            "due_alerts": due_alerts,
            "weekly_summary": weekly_summary,
            "rise_alerts": rise_alerts,
            "language": language,
        },
    )
    return preference
