"""The demo loader puts every democracy record in every state, and may run twice."""

from __future__ import annotations

import random
from typing import Any

import pytest

from danvan.core.registry import DemoContext
from danvan.democracy import demo, selectors
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    Convention,
    Disclosure,
    OversightBoard,
    Recommendation,
    WorkplaceMeeting,
)

pytestmark = pytest.mark.django_db


class _Bar:
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


def test_the_demo_has_every_state_and_is_idempotent(units: Any, root: Any) -> None:
    ctx = DemoContext(
        size="small",
        rng=random.Random(1),
        progress=lambda desc, total: _Bar(),
        data={
            "key_units": {"commune_a": units.commune_a},
            "units": {"communes": []},
            "users": {"demo-quantri": root},
        },
    )
    demo.load(ctx)
    demo.load(ctx)
    assert set(Disclosure.objects.values_list("state", flat=True)) == {"draft", "published", "ended"}
    assert (
        Disclosure.objects.filter(is_late=True).exists()
        and Disclosure.objects.filter(is_too_short=True).exists()
    )
    assert set(Consultation.objects.values_list("state", flat=True)) == {
        "draft",
        "open",
        "closed",
        "answered",
    }
    assert set(CommunityDecision.objects.values_list("state", flat=True)) == {
        "draft",
        "recorded",
        "sent",
        "recognised",
    }
    assert set(CommunityDecision.objects.values_list("form", flat=True)) == {"meeting", "ballot", "online"}
    assert CommunityDecision.objects.filter(state="recorded", quorum_met=False).exists()
    assert set(Convention.objects.values_list("state", flat=True)) == {
        "draft",
        "posted",
        "adopted",
        "recognised",
    }
    assert Disclosure.objects.filter(is_demo=True).count() == 5  # the second run added nothing
    assert set(OversightBoard.objects.values_list("kind", flat=True)) == {"inspection", "investment"}
    assert set(Recommendation.objects.values_list("state", flat=True)) == {
        "draft",
        "confirmed",
        "sent",
        "answered",
    }
    recs = list(Recommendation.objects.all())
    assert any(selectors.is_overdue(r) for r in recs)
    assert {r.answered_on_time for r in recs if r.state == "answered"} == {True, False}
    assert set(WorkplaceMeeting.objects.values_list("state", "kind")) == {
        ("held", "conference"), ("held", "dialogue"), ("planned", "conference"), ("cancelled", "conference")
    }  # fmt: skip
    assert WorkplaceMeeting.objects.filter(is_late=True).count() == 1
    assert OversightBoard.objects.count() == 2 and WorkplaceMeeting.objects.count() == 7
