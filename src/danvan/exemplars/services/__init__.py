"""Dân vận khéo: every write, by topic (registration, evaluation and recognition, replication, contests).

One function per change: keyword-only arguments, a required `actor`, one transaction; every move of an
exemplar or a contest goes through the workflow kit (`danvan.core.workflow.perform`, declared in
`danvan.exemplars.workflow`), which asks the rulebook (`danvan.exemplars.rulebook`), writes the history
row and the audit row. A refusal raises `Refused` (with the field), `NotPermitted` or `Conflict`.
"""

from danvan.exemplars.rulebook import RULEBOOK
from danvan.exemplars.services.contests import (
    add_contest_entry,
    add_contest_judge,
    create_contest,
    publish_contest,
    score_contest_entry,
)
from danvan.exemplars.services.evaluation import (
    DEFAULT_CRITERIA,
    DEFAULT_MAX_SCORE,
    DEFAULT_PASS_PERCENT,
    CriterionInput,
    ensure_criteria_set,
    open_evaluation,
    province_of,
    recognise,
    refuse_recognition,
    retire,
    score_exemplar,
    update_criteria,
)
from danvan.exemplars.services.files import (
    DOCUMENT_TYPES,
    MAX_DOCUMENT_BYTES,
    MAX_PHOTO_BYTES,
    PHOTO_FORMATS,
    CheckedFile,
    check_document,
    check_photo,
)
from danvan.exemplars.services.registration import (
    EDITABLE_FIELDS,
    MAX_INDEXED_WORDS,
    ExemplarInput,
    PossibleDuplicate,
    ResultInput,
    add_files,
    build_search_text,
    index_words,
    register,
    reindex,
    return_to_draft,
    submit,
    update_draft,
)
from danvan.exemplars.services.replication import replicate

__all__ = [
    "DEFAULT_CRITERIA",
    "DEFAULT_MAX_SCORE",
    "DEFAULT_PASS_PERCENT",
    "DOCUMENT_TYPES",
    "EDITABLE_FIELDS",
    "MAX_DOCUMENT_BYTES",
    "MAX_INDEXED_WORDS",
    "MAX_PHOTO_BYTES",
    "PHOTO_FORMATS",
    "RULEBOOK",
    "CheckedFile",
    "CriterionInput",
    "ExemplarInput",
    "PossibleDuplicate",
    "ResultInput",
    "add_contest_entry",
    "add_contest_judge",
    "add_files",
    "build_search_text",
    "check_document",
    "check_photo",
    "create_contest",
    "ensure_criteria_set",
    "index_words",
    "open_evaluation",
    "province_of",
    "publish_contest",
    "recognise",
    "refuse_recognition",
    "register",
    "reindex",
    "replicate",
    "retire",
    "return_to_draft",
    "score_contest_entry",
    "score_exemplar",
    "submit",
    "update_criteria",
    "update_draft",
]
