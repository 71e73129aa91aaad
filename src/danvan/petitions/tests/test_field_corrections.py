"""The officers' field decisions: stored (who, when, unit), scoped, and used by the next training."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from danvan.accounts.scoping import scope_for
from danvan.petitions import selectors, services, training
from danvan.petitions.engines import classifier
from danvan.petitions.models import Field, FieldCorrection


def test_an_officer_correcting_the_field_stores_who_when_the_suggestion_and_the_choice(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p.refresh_from_db()
    suggested = p.suggested_field
    services.confirm_field(actor=alice, petition=p, field=Field.objects.get(code="moi_truong"))
    decision = FieldCorrection.objects.get(petition=p)
    assert decision.actor == alice and decision.at is not None
    assert decision.unit == p.unit
    assert decision.suggested == suggested and decision.field.code == "moi_truong"
    assert decision.is_correction == (suggested is None or suggested.code != "moi_truong")


def test_the_decisions_are_read_through_the_scope_bob_cannot_see_alices(make_data, alice, bob):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    services.confirm_field(actor=alice, petition=p, field=Field.objects.get(code="moi_truong"))
    assert selectors.field_corrections(scope_for(alice)).count() == 1
    assert selectors.field_corrections(scope_for(bob)).count() == 0


def test_the_export_keeps_the_latest_decision_per_petition(make_data, alice, settings: Any, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    services.confirm_field(actor=alice, petition=p, field=Field.objects.get(code="moi_truong"))
    p.refresh_from_db()
    services.confirm_field(actor=alice, petition=p, field=Field.objects.get(code="ha_tang_giao_thong"))
    assert training.export_decisions() == 1
    with training.decisions_path().open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["field"] for r in rows] == ["ha_tang_giao_thong"]
    assert "sụt lún" in rows[0]["text"]


def test_the_next_training_learns_from_the_officers_decisions(tmp_path: Path):
    base = tmp_path / "base.csv"
    decisions = tmp_path / "decisions.csv"
    with base.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "field"])
        for i in range(6):
            w.writerow([f"Đường liên thôn số {i} bị sụt lún, nhiều ổ gà", "ha_tang_giao_thong"])
            w.writerow([f"Trại heo số {i} xả nước thải gây mùi hôi", "moi_truong"])
    text = "Nhà văn hóa bản chưa có, họp bản phải mượn sân"
    with decisions.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "field", "group"])
        for i in range(4):
            w.writerow([f"{text} lần {i}", "khac", f"petition{i}"])
    before = classifier.train(base)
    after = classifier.train(base, extra=[decisions])
    assert before.suggest(text, 1)[0][0] != "khac"
    assert after.suggest(text, 1)[0][0] == "khac"
    assert before.data_digest != after.data_digest
