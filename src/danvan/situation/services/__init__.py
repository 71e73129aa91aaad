"""Nắm tình hình nhân dân: every write (keyword-only, `actor`, one transaction, audit row; moves through the kit)."""

from danvan.situation.rulebook import RULEBOOK
from danvan.situation.services.alerts import answer_alert, run_detection, set_thresholds, thresholds
from danvan.situation.services.briefs import draft_brief, draft_texts, edit_brief, receive_brief, send_brief
from danvan.situation.services.guard import check_free_text
from danvan.situation.services.hotspots import (
    add_task,
    close_hotspot,
    complete_task,
    escalate,
    link,
    open_hotspot,
    resolve_link,
    set_responsible,
)
from danvan.situation.services.polls import (
    QuestionSpec,
    answer_poll,
    close_poll,
    create_poll,
    is_accepting,
    is_poll_member,
    normalise_phone,
    open_poll,
    parse_questions,
    respondent_digest,
)
from danvan.situation.services.reports import (
    file_report,
    forward,
    resubmit,
    return_report,
    schedule_for,
    set_schedule,
)
from danvan.situation.services.signals import collect

__all__ = [
    "RULEBOOK",
    "QuestionSpec",
    "add_task",
    "answer_alert",
    "answer_poll",
    "check_free_text",
    "close_hotspot",
    "close_poll",
    "collect",
    "complete_task",
    "create_poll",
    "draft_brief",
    "draft_texts",
    "edit_brief",
    "escalate",
    "file_report",
    "forward",
    "is_accepting",
    "is_poll_member",
    "link",
    "normalise_phone",
    "open_hotspot",
    "open_poll",
    "parse_questions",
    "receive_brief",
    "resolve_link",
    "set_responsible",
    "respondent_digest",
    "resubmit",
    "return_report",
    "run_detection",
    "schedule_for",
    "send_brief",
    "set_schedule",
    "set_thresholds",
    "thresholds",
]
