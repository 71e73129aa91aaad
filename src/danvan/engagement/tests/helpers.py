"""Builders shared by the engagement tests (through the services, as a user would)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from danvan.core import clock
from danvan.engagement import services
from danvan.engagement.models import Dialogue, HeadRole
from danvan.territory.models import AdminUnit


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def planned(
    actor: Any, unit: AdminUnit, day: dt.date, *, host_is_head: bool = True, **extra: Any
) -> Dialogue:
    role = HeadRole.COMMUNE_CHAIRMAN if unit.level == 2 else HeadRole.PROVINCE_SECRETARY
    values: dict[str, Any] = {
        "title": f"Đối thoại {unit.name}",
        "host_role": role,
        "host_name": "Nguyễn Văn Chủ",
        "starts_at": at(day),
        "place": "Hội trường xã",
        "content": "Đối thoại về đất đai và môi trường",
        "organisers": "Ủy ban MTTQ xã",
        "host_is_head": host_is_head,
    }
    values.update(extra)
    return services.create_dialogue(actor=actor, unit=unit, **values)


def announced(actor: Any, unit: AdminUnit, day: dt.date, reason: str = "", **extra: Any) -> Dialogue:
    dialogue = planned(actor, unit, day, **extra)
    on = min(day - dt.timedelta(days=10), clock.today())
    return services.announce_dialogue(actor=actor, dialogue=dialogue, announced_on=on, reason=reason)


def held(actor: Any, unit: AdminUnit, day: dt.date, **extra: Any) -> Dialogue:
    dialogue = announced(actor, unit, day, **extra)
    return services.hold_dialogue(actor=actor, dialogue=dialogue, held_on=day, participants_count=100)
