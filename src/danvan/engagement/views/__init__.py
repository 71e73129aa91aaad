"""Tiếp công dân và đối thoại: views by topic (thin: parse input, call a service or selector, render)."""

from danvan.engagement.views.calendar import calendar_ics, calendar_month, coverage
from danvan.engagement.views.commitments import (
    commitment_act,
    commitment_bulk,
    commitment_detail,
    commitment_list,
)
from danvan.engagement.views.dialogues import (
    dialogue_act,
    dialogue_bulk,
    dialogue_create,
    dialogue_detail,
    dialogue_edit,
    dialogue_list,
    question_identity,
)
from danvan.engagement.views.public import public_commune, public_dialogue, public_dialogues
from danvan.engagement.views.receptions import (
    compliance,
    matter_to_petition,
    reception_add_citizen,
    reception_add_matter,
    reception_bulk,
    reception_create,
    reception_detail,
    reception_identities,
    reception_list,
    schedule_list,
)

__all__ = [
    "calendar_ics",
    "calendar_month",
    "commitment_act",
    "commitment_bulk",
    "commitment_detail",
    "commitment_list",
    "compliance",
    "coverage",
    "dialogue_act",
    "dialogue_bulk",
    "dialogue_create",
    "dialogue_detail",
    "dialogue_edit",
    "dialogue_list",
    "matter_to_petition",
    "public_commune",
    "public_dialogue",
    "public_dialogues",
    "question_identity",
    "reception_add_citizen",
    "reception_add_matter",
    "reception_bulk",
    "reception_create",
    "reception_detail",
    "reception_identities",
    "reception_list",
    "schedule_list",
]
