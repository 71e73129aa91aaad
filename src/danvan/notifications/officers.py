"""Officers hear from the platform by e-mail, per their preferences (`OfficerPreference`; no row: all on):

- at 07:00 every day, the digest of the units they see: open petitions overdue and due within 3 days, per
  unit (`petitions.selectors.digest`, the lines `danvan petitions digest` prints);
- at 07:00 every day, the alert of the petitions they handle themselves that are overdue or due soon;
- on Monday at 07:00, unit heads: the week's summary of their units (received, resolved, overdue, due soon);
- when the situation module's rise detector flags a topic at a unit, the officers of that unit
  (`responsible_for`; the messages are written by `situation.services.alerts`, template `situation_rise`).

The job runs as a task (`tasks.morning`) queued for the next 07:00 (`schedule`); the run claims its
`ScheduledRun` row first, so a duplicate task (`make run` queues one at every start) does nothing.
Messages carry tracking codes, kinds and dates only: never a title (a denunciation's is a redacted copy,
still better kept off e-mail)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Role, User
from danvan.accounts.scoping import scope_for
from danvan.core import clock
from danvan.notifications.models import Channel, OfficerPreference, ScheduledRun
from danvan.notifications.services import Message, enqueue
from danvan.petitions import selectors as petitions

DAILY = "daily"
WEEKLY = "weekly"
AT = dt.time(7, 0)


def next_run(name: str, after: dt.datetime) -> dt.datetime:
    """The next 07:00 (Vietnam time) strictly after `after`; for the weekly job, the next Monday's."""
    day = clock.local_date(after)
    while True:
        at = clock.start_of_day(day) + dt.timedelta(hours=AT.hour, minutes=AT.minute)
        if at > after and (name == DAILY or day.weekday() == 0):
            return at
        day += dt.timedelta(days=1)


def claim(name: str, now: dt.datetime) -> bool:
    """True when the job `name` is due: its next run is moved forward in the same transaction."""
    with transaction.atomic():
        run = ScheduledRun.objects.select_for_update().filter(name=name).first()
        if run is None:
            ScheduledRun.objects.create(name=name, next_at=next_run(name, now))
            return False
        if run.next_at > now:
            return False
        run.last_at = now
        run.next_at = next_run(name, now)
        run.save(update_fields=["last_at", "next_at"])
        return True


def next_due() -> dt.datetime:
    now = timezone.now()
    for name in (DAILY, WEEKLY):
        ScheduledRun.objects.get_or_create(name=name, defaults={"next_at": next_run(name, now)})
    return min(ScheduledRun.objects.values_list("next_at", flat=True))


@dataclass(frozen=True)
class Recipient:
    user: Any
    preference: OfficerPreference


def _officers(roles: Iterable[str]) -> list[Recipient]:
    users = (
        User.objects.filter(is_active=True, roles__role__in=list(roles))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    preferences = {p.user_id: p for p in OfficerPreference.objects.filter(user__in=users)}
    return [Recipient(u, preferences.get(u.pk) or OfficerPreference(user=u)) for u in users]


def responsible_for(unit: Any, roles: Iterable[str] = (Role.OFFICER, Role.UNIT_HEAD)) -> list[Recipient]:
    """The officers with an e-mail who hold one of `roles` at `unit` itself; when nobody does, those of the
    nearest unit above that has some (a commune without an account: its province is told)."""
    from danvan.territory.models import AdminUnit, Level

    above = AdminUnit.objects.filter(path__in=unit.ancestors_paths(), level__gte=Level.PROVINCE)
    chain = [unit, *sorted(above.exclude(pk=unit.pk), key=lambda u: -len(u.path))]
    for at in chain:
        users = list(
            User.objects.filter(is_active=True, roles__role__in=list(roles), roles__unit=at)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        if users:
            preferences = {p.user_id: p for p in OfficerPreference.objects.filter(user__in=users)}
            return [Recipient(u, preferences.get(u.pk) or OfficerPreference(user=u)) for u in users]
    return []


def _line(p: Any) -> dict[str, str]:
    return {
        "code": p.tracking_code,
        "kind": str(p.get_kind_display()).lower(),
        "due": clock.format_date(p.due_date),
        "url": settings.SITE_URL + reverse("petitions:detail", args=[p.pk]),
    }


def daily(today: dt.date) -> int:
    """The digest and the alerts of `today`; returns the number of messages written."""
    lines = petitions.digest(today)
    messages: list[Message] = []
    for officer in _officers((Role.OFFICER, Role.UNIT_HEAD, Role.SUPERVISOR)):
        scope = scope_for(officer.user)
        language = officer.preference.language
        if officer.preference.daily_digest:
            units = [
                {
                    "unit": line.unit.name,
                    "overdue": [_line(p) for p in line.overdue],
                    "due_soon": [_line(p) for p in line.due_soon],
                }
                for line in lines
                if scope.can_see(line.unit)
            ]
            if units:
                messages.append(
                    Message(
                        Channel.EMAIL,
                        officer.user.email,
                        "officer_digest",
                        {"day": clock.format_date(today), "units": units, "name": officer.user.full_name},
                        language=language,
                    )
                )
        if officer.preference.due_alerts:
            own = [
                _line(p)
                for p in petitions.petitions_for(scope, handler=officer.user).filter(
                    due_date__isnull=False, due_date__lte=today + dt.timedelta(days=petitions.DUE_SOON_DAYS)
                )
                if p.state in ("received", "transferred", "accepted", "in_progress")
            ]
            if own:
                messages.append(
                    Message(
                        Channel.EMAIL,
                        officer.user.email,
                        "officer_alert",
                        {"day": clock.format_date(today), "petitions": own, "name": officer.user.full_name},
                        language=language,
                    )
                )
    with transaction.atomic():
        return enqueue(messages)


def weekly(today: dt.date) -> int:
    """Unit heads' summary of the week ending yesterday, for each unit they head."""
    messages: list[Message] = []
    start = today - dt.timedelta(days=7)
    for head in _officers((Role.UNIT_HEAD,)):
        if not head.preference.weekly_summary:
            continue
        scope = scope_for(head.user)
        units = []
        for grant in head.user.roles.filter(role=Role.UNIT_HEAD).select_related("unit"):
            received = petitions.petitions_for(scope, unit=grant.unit, date_from=start, date_to=today).count()
            counts = petitions.deadline_counts(scope)
            units.append({"unit": grant.unit.name, "received": received, **counts})
        if units:
            messages.append(
                Message(
                    Channel.EMAIL,
                    head.user.email,
                    "head_weekly",
                    {
                        "from": clock.format_date(start),
                        "to": clock.format_date(today - dt.timedelta(days=1)),
                        "units": units,
                        "name": head.user.full_name,
                    },
                    language=head.preference.language,
                )
            )
    with transaction.atomic():
        return enqueue(messages)


def run_due(now: dt.datetime | None = None) -> int:
    """Run the jobs whose time has come (each once, whatever the number of tasks); messages written."""
    now = now or timezone.now()
    written = 0
    if claim(DAILY, now):
        written += daily(clock.local_date(now))
    if claim(WEEKLY, now):
        written += weekly(clock.local_date(now))
    return written
