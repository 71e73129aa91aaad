"""The move onto the workflow kit keeps every history row: ExemplarEvent rows become ExemplarHistory rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OLD = [("exemplars", "0001_initial")]
NEW = [("exemplars", "0002_history_on_workflow_kit")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_exemplar_event_becomes_a_history_row_with_its_fields(units: Any) -> None:
    old = _migrate(OLD)
    user_model = old.get_model("accounts", "User")
    actor = user_model.objects.create(username="lich-su", password="!")
    exemplar = old.get_model("exemplars", "Exemplar").objects.create(
        unit_id=units.commune_a.pk,
        name="Mô hình cũ",
        place="Thôn 1",
        field="kinh_te",
        period_start=dt.date(2024, 1, 1),
        year=2024,
        problem="Vấn đề",
        mobilisation="Vận động",
        registered_on=dt.date(2024, 1, 2),
    )
    Event = old.get_model("exemplars", "ExemplarEvent")
    moves = [("", "draft", "Đăng ký mới"), ("draft", "submitted", ""), ("submitted", "draft", "Bổ sung ảnh")]
    for from_status, to_status, note in moves:
        Event.objects.create(
            exemplar=exemplar, actor=actor, from_status=from_status, to_status=to_status, note=note
        )
    Event.objects.create(exemplar=exemplar, actor=None, from_status="draft", to_status="submitted")
    before = list(Event.objects.order_by("id").values_list("at", "from_status", "to_status", "note"))

    new = _migrate(NEW)
    History = new.get_model("exemplars", "ExemplarHistory")
    rows = list(
        History.objects.order_by("id").values_list(
            "at", "from_state", "to_state", "reason", "action", "actor_id", "actor_label"
        )
    )
    assert len(rows) == len(before) == 4
    assert [r[:4] for r in rows] == before
    assert [r[4] for r in rows] == ["register", "submit", "return_to_draft", "submit"]
    assert [r[5] for r in rows] == [actor.pk, actor.pk, actor.pk, None]
    assert [r[6] for r in rows] == ["lich-su", "lich-su", "lich-su", "hệ thống"]
    assert all(r[0] <= timezone.now() for r in rows)
