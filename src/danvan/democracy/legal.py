"""Every default of the democracy rule tables, compared with the law's text as the project has it
(`../shared/legal/GRASSROOTS.md`): checked (the figure is in that text; its section and the article it
cites) or a default to verify (the text gives no figure, or leaves it to "rule data").

The rule tables stay editable: a mark applies to the seeded value only, so `status()` reports a value an
administrator changed as "changed" rather than keeping the old mark. GRASSROOTS.md itself asks for its
article numbers to be checked against the official text: "checked" means "agrees with that text".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CHECKED = "checked"
TO_VERIFY = "to_verify"

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15)"


@dataclass(frozen=True)
class Mark:
    model: str  # DisclosureItem | DecisionRule | OversightRule | WorkplaceRule
    field: str
    value: Any
    status: str  # CHECKED | TO_VERIFY
    source: str  # where the text says it (section of GRASSROOTS.md and the article it cites), or why not
    code: str = ""  # DisclosureItem rows: the item's code ("" = every item)


_S1 = f"GRASSROOTS.md §1 ({LAW}, Điều 11–13)"
_S2 = f"GRASSROOTS.md §2 ({LAW}, Điều 15 và tiếp theo; Nghị định 59/2023/NĐ-CP)"
_S4 = f"GRASSROOTS.md §4 ({LAW}, Điều 30 và tiếp theo)"
_S5 = "GRASSROOTS.md §5 (Bộ luật Lao động 2019; Nghị định 145/2020/NĐ-CP)"
_NO_FIGURE = "GRASSROOTS.md gives no figure (it calls it rule data): default to verify against the law's text"

MARKS: tuple[Mark, ...] = (
    # disclosure items: the items named in §1 are checked, the four we added are defaults to verify
    *(
        Mark("DisclosureItem", "name", None, CHECKED, _S1, code)
        for code in (
            "socio_economic_plan",
            "budget_estimate",
            "budget_execution",
            "budget_settlement",
            "investment_projects",
            "land_recovery",
            "land_use_planning",
            "admin_procedures",
            "inspection_results",
            "contributions",
        )
    ),  # fmt: skip
    *(
        Mark(
            "DisclosureItem",
            "name",
            None,
            TO_VERIFY,
            "not among the items §1 names (it says “about fourteen”)",
            code,
        )
        for code in ("social_policies", "village_conventions", "grassroots_rules", "officials_duties")
    ),
    Mark(
        "DisclosureItem",
        "required_channels",
        None,
        TO_VERIFY,
        "§1 lists the channels (notice board, loudspeaker, village meetings, households, SMS, social group, web) "
        "but not which one each item requires",
    ),  # fmt: skip
    Mark(
        "DisclosureItem",
        "loudspeaker_days",
        3,
        CHECKED,
        _S1 + ": “for some items at least 3 consecutive days” (which items: default to verify)",
        "land_recovery",
    ),  # fmt: skip
    Mark(
        "DisclosureItem",
        "loudspeaker_days",
        3,
        TO_VERIFY,
        "§1 does not say that this item is one of the loudspeaker items",
        "contributions",
    ),  # fmt: skip
    Mark(
        "DisclosureItem",
        "loudspeaker_days",
        3,
        TO_VERIFY,
        "§1 does not say that this item is one of the loudspeaker items",
        "social_policies",
    ),  # fmt: skip
    Mark(
        "DisclosureItem",
        "min_days",
        30,
        TO_VERIFY,
        "§1: “posted for at least N days … rule data”: " + _NO_FIGURE,
    ),
    Mark(
        "DisclosureItem",
        "deadline_days",
        5,
        TO_VERIFY,
        "§1: “a deadline after the document is issued … rule data”: " + _NO_FIGURE,
    ),  # fmt: skip
    Mark(
        "DisclosureItem",
        "per_year",
        4,
        CHECKED,
        _S1 + ": budget execution “reported quarterly, half-yearly, yearly”",
        "budget_execution",
    ),  # fmt: skip
    Mark("DisclosureItem", "per_year", None, TO_VERIFY, "§1 gives no frequency for the other items"),
    # community decisions
    Mark(
        "DecisionRule",
        "pass_percent",
        50,
        CHECKED,
        _S2 + ": “more than 50% of the village's household representatives agree”",
    ),  # fmt: skip
    Mark("DecisionRule", "quorum_percent", 50, TO_VERIFY, "§2 gives no quorum for a meeting: " + _NO_FIGURE),
    Mark("DecisionRule", "committee_min", 3, CHECKED, _S2 + ": “a counting committee of 3–5 people”"),
    Mark("DecisionRule", "committee_max", 5, CHECKED, _S2 + ": “a counting committee of 3–5 people”"),
    Mark(
        "DecisionRule",
        "convention_min_days",
        30,
        CHECKED,
        "GRASSROOTS.md §2 (Nghị định 61/2023/NĐ-CP): drafts “posted for comment for at least 30 days”",
    ),  # fmt: skip
    # people's oversight
    Mark(
        "OversightRule",
        "inspection_min_members",
        5,
        CHECKED,
        _S4 + ": People's Inspection Board “at least 5 members”",
    ),  # fmt: skip
    Mark("OversightRule", "investment_max_deputies", 2, CHECKED, _S4 + ": “a head and at most 2 deputies”"),
    Mark(
        "OversightRule",
        "reply_days",
        15,
        TO_VERIFY,
        "§4: “replies are due within a deadline (rule data)”: " + _NO_FIGURE,
    ),  # fmt: skip
    Mark("OversightRule", "reply_working_days", True, TO_VERIFY, "§4 does not say working or calendar days"),
    # agencies and enterprises
    Mark(
        "WorkplaceRule",
        "conference_due_month",
        12,
        TO_VERIFY,
        "§5: “a yearly conference” (once a year: checked); the date by which it is due (31/12 by default) is not "
        "in the text",
    ),  # fmt: skip
    Mark("WorkplaceRule", "conference_due_day", 31, TO_VERIFY, "as conference_due_month"),
    Mark(
        "WorkplaceRule", "dialogues_per_year", 1, CHECKED, _S5 + ": periodic dialogue “at least once a year”"
    ),
)


def marks_for(model: str, field: str, code: str = "") -> Mark | None:
    """The mark of a field (for a disclosure item: its own mark, or the one for every item)."""
    exact = [m for m in MARKS if m.model == model and m.field == field and m.code == code]
    general = [m for m in MARKS if m.model == model and m.field == field and not m.code]
    found = exact or general
    return found[0] if found else None


def status(row: Any, field: str) -> str:
    """CHECKED, TO_VERIFY, or "changed" when the row no longer holds the value that was compared."""
    model = type(row).__name__
    mark = marks_for(model, field, getattr(row, "code", "") if model == "DisclosureItem" else "")
    if mark is None:
        return TO_VERIFY
    if mark.value is not None and getattr(row, field) != mark.value:
        return "changed"
    return mark.status
