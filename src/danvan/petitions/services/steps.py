"""The steps of a petition (which unit held it open, against which deadline, on each day): kept by
`Petition.save` as the petition moves; rewritten here for records whose dates are set in bulk (the demo's
backdated petitions, tests), since a `QuerySet.update` does not pass through `save`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from danvan.core import clock
from danvan.petitions.models import Petition, PetitionStep


@dataclass(frozen=True)
class PastStep:
    """An ended step: `unit_id` held the petition open from `started_on` to `ended_on`, due `due_date`."""

    unit_id: int
    started_on: dt.date
    ended_on: dt.date
    due_date: dt.date | None = None


def reset_steps(
    petition: Petition, *, started_on: dt.date | None = None, past: Iterable[PastStep] = ()
) -> None:
    """Rewrite `petition`'s steps: its current step begun on `started_on` (default: its local day of
    receipt, as read from the database) and the ended steps `past` (replacing any kept before)."""
    with transaction.atomic():
        received_at = Petition.objects.values_list("received_at", flat=True).get(pk=petition.pk)
        day = started_on or clock.local_date(received_at)
        Petition.objects.filter(pk=petition.pk).update(step_started_on=day)
        PetitionStep.objects.filter(petition_id=petition.pk).delete()
        PetitionStep.objects.bulk_create(
            PetitionStep(
                petition_id=petition.pk,
                unit_id=s.unit_id,
                started_on=s.started_on,
                ended_on=s.ended_on,
                due_date=s.due_date,
            )
            for s in past
            if s.ended_on > s.started_on
        )
