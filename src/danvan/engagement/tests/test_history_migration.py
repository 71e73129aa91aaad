"""The migration that moves DialogueEvent and CommitmentEvent onto the workflow kit keeps every row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("engagement", "0004_question_counters")]
AFTER = [("engagement", "0005_history_on_workflow_kit")]


@pytest.mark.django_db(transaction=True)
def test_every_dialogue_and_commitment_event_is_kept_in_the_new_history_shape() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        User = old.get_model("accounts", "User")
        Unit = old.get_model("territory", "AdminUnit")
        Dialogue = old.get_model("engagement", "Dialogue")
        DialogueEvent = old.get_model("engagement", "DialogueEvent")
        Commitment = old.get_model("engagement", "Commitment")
        CommitmentEvent = old.get_model("engagement", "CommitmentEvent")
        officer = User.objects.create(username="mig-officer", password="x")
        unit = Unit.objects.filter(level=2).order_by("path").first()
        start = timezone.now() - dt.timedelta(days=5)
        dialogue = Dialogue.objects.create(
            unit=unit, title="Đối thoại cũ", host_role="commune_chairman", host_name="A", starts_at=start
        )
        moves: list[tuple[str, str, Any, str]] = [
            ("", "planned", officer, ""),
            ("planned", "announced", officer, "Khẩn cấp"),
            ("announced", "held", None, ""),
        ]
        for from_state, to_state, actor, reason in moves:
            DialogueEvent.objects.create(
                dialogue=dialogue, from_state=from_state, to_state=to_state, actor=actor, reason=reason
            )
        commitment = Commitment.objects.create(
            dialogue=dialogue,
            unit=unit,
            content="Sửa đường",
            owner=officer,
            made_on=dt.date(2026, 1, 1),
            due_date=dt.date(2026, 2, 1),
        )
        CommitmentEvent.objects.create(commitment=commitment, to_state="open", actor=officer)
        CommitmentEvent.objects.create(
            commitment=commitment, from_state="open", to_state="explained", actor=officer, note="Chưa có vốn"
        )
        old_dialogue_rows = list(
            DialogueEvent.objects.order_by("id").values_list(
                "id", "at", "from_state", "to_state", "actor_id", "reason"
            )
        )
        old_commitment_rows = list(
            CommitmentEvent.objects.order_by("id").values_list(
                "id", "at", "from_state", "to_state", "actor_id", "note"
            )
        )

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        DialogueHistory = new.get_model("engagement", "DialogueHistory")
        CommitmentHistory = new.get_model("engagement", "CommitmentHistory")
        rows = list(
            DialogueHistory.objects.order_by("id").values_list(
                "id", "at", "from_state", "to_state", "actor_id", "reason"
            )
        )
        assert rows == old_dialogue_rows
        assert list(DialogueHistory.objects.order_by("id").values_list("action", "actor_label")) == [
            ("create", "mig-officer"),
            ("announce", "mig-officer"),
            ("hold", "hệ thống"),
        ]
        rows = list(
            CommitmentHistory.objects.order_by("id").values_list(
                "id", "at", "from_state", "to_state", "actor_id", "reason"
            )
        )
        assert rows == old_commitment_rows
        assert list(CommitmentHistory.objects.order_by("id").values_list("action", flat=True)) == [
            "create",
            "explain",
        ]
        assert "engagement_dialogueevent" not in connection.introspection.table_names()
        assert "engagement_commitmentevent" not in connection.introspection.table_names()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
