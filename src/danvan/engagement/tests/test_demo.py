from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from danvan.engagement.models import (
    Commitment,
    CommitmentState,
    Dialogue,
    DialogueState,
    ReceptionMatter,
    ReceptionSchedule,
    ReceptionSession,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_covers_every_state_and_running_it_twice_adds_nothing(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path  # the demo password file goes here, not into the developer's data folder
    call_command("demo", "--only", "engagement", verbosity=0)
    counts = [m.objects.count() for m in (ReceptionSchedule, ReceptionSession, Dialogue, Commitment)]
    assert all(counts)
    assert set(Dialogue.objects.values_list("state", flat=True)) == set(DialogueState.values)
    assert Dialogue.objects.filter(short_notice=True).exists()
    assert Commitment.objects.filter(state__in=[CommitmentState.OPEN, CommitmentState.IN_PROGRESS]).exists()
    assert ReceptionMatter.objects.filter(petition__isnull=False).exists()
    assert not Dialogue.objects.filter(is_demo=False).exists()
    call_command("demo", "--only", "engagement", verbosity=0)
    assert [m.objects.count() for m in (ReceptionSchedule, ReceptionSession, Dialogue, Commitment)] == counts
