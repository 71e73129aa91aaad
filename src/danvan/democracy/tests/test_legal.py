"""Every rule-table default is marked checked against ../shared/legal/GRASSROOTS.md or a default to verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import models

from danvan.democracy import legal
from danvan.democracy.models import DecisionRule, DisclosureItem, OversightRule, WorkplaceRule

pytestmark = pytest.mark.django_db

RULE_FIELDS = {
    DecisionRule: ("pass_percent", "quorum_percent", "committee_min", "committee_max", "convention_min_days"),
    OversightRule: ("inspection_min_members", "investment_max_deputies", "reply_days", "reply_working_days"),
    WorkplaceRule: ("conference_due_month", "conference_due_day", "dialogues_per_year"),
}
# ../shared beside the repository (a worktree sits one level deeper: the first ancestor that has it)
GRASSROOTS = next(
    (
        p / "shared/legal/GRASSROOTS.md"
        for p in Path(__file__).resolve().parents
        if (p / "shared/legal").is_dir()
    ),
    Path("/nonexistent"),
)


def test_every_figure_of_the_seeded_rule_tables_has_a_mark_that_holds_for_the_seeded_value() -> None:
    for model, fields in RULE_FIELDS.items():
        numeric = {
            f.name for f in model._meta.fields
            if isinstance(f, models.PositiveSmallIntegerField | models.BooleanField) and f.name != "is_verified"
        }  # fmt: skip
        assert numeric == set(fields), model
        row = model.objects.get()
        for name in fields:
            assert legal.status(row, name) in (legal.CHECKED, legal.TO_VERIFY), (model, name)
    for item in DisclosureItem.objects.all():
        assert legal.marks_for("DisclosureItem", "name", item.code) is not None, item.code
        for name in ("min_days", "deadline_days", "per_year", "required_channels"):
            assert legal.status(item, name) in (legal.CHECKED, legal.TO_VERIFY), (item.code, name)
        if item.loudspeaker_days:
            assert legal.marks_for("DisclosureItem", "loudspeaker_days", item.code) is not None, item.code


def test_a_value_an_administrator_changed_is_no_longer_reported_as_checked() -> None:
    row = DecisionRule.objects.get()
    assert legal.status(row, "pass_percent") == legal.CHECKED
    row.pass_percent = 60
    assert legal.status(row, "pass_percent") == "changed"


@pytest.mark.skipif(not GRASSROOTS.exists(), reason="../shared/legal/GRASSROOTS.md is not on this machine")
def test_the_checked_figures_are_quoted_from_the_law_text_we_have() -> None:
    text = " ".join(GRASSROOTS.read_text(encoding="utf-8").split())
    for quote in ("at least 5 members", "at most 2 deputies", "3–5", "more than 50%", "at least 30 days",
                  "at least 3 consecutive days", "at least once a year", "quarterly"):  # fmt: skip
        assert quote in text, quote
