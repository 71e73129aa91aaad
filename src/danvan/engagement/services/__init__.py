"""Tiếp công dân và đối thoại: every write (keyword-only, `actor`, one transaction, audit row).

By topic: `receptions` (schedules, reception days, citizens, matters), `dialogues` (plan, announce,
reschedule, hold, publish, cancel), `questions` (citizens' questions and answers), `commitments`
(promises and their follow-up). Every state change goes through the workflow kit (`engagement.workflow`);
every permission is in `engagement.rulebook`. A refused move raises `danvan.core.workflow.Refused`.
"""

from danvan.engagement.services.commitments import (
    FOLLOW_UP_ACTIONS,
    create_commitment,
    follow_up_commitment,
    is_open,
)
from danvan.engagement.services.common import (
    ANNOUNCE_MIN_DAYS,
    PUBLISH_MAX_DAYS,
    rule_in_force,
    today,
)
from danvan.engagement.services.dialogues import (
    DIALOGUE_FIELDS,
    announce_dialogue,
    cancel_dialogue,
    create_dialogue,
    hold_dialogue,
    local_start_date,
    publish_results,
    update_dialogue,
)
from danvan.engagement.services.questions import (
    MAX_QUESTION_CHARS,
    add_question,
    answer_question,
    reveal_asker,
    submit_question,
)
from danvan.engagement.services.receptions import (
    CitizenIdentity,
    CitizenInput,
    add_matter,
    add_reception_citizen,
    can_view_identities,
    record_reception,
    reveal_reception_identities,
    save_schedule,
)
from danvan.engagement.workflow import QUESTION_STATES

__all__ = [
    "ANNOUNCE_MIN_DAYS",
    "DIALOGUE_FIELDS",
    "FOLLOW_UP_ACTIONS",
    "MAX_QUESTION_CHARS",
    "PUBLISH_MAX_DAYS",
    "QUESTION_STATES",
    "CitizenIdentity",
    "CitizenInput",
    "add_matter",
    "add_question",
    "add_reception_citizen",
    "announce_dialogue",
    "answer_question",
    "can_view_identities",
    "cancel_dialogue",
    "create_commitment",
    "create_dialogue",
    "follow_up_commitment",
    "hold_dialogue",
    "is_open",
    "local_start_date",
    "publish_results",
    "record_reception",
    "reveal_asker",
    "reveal_reception_identities",
    "rule_in_force",
    "save_schedule",
    "submit_question",
    "today",
    "update_dialogue",
]
