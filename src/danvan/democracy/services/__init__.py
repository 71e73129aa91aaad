"""Dân chủ ở cơ sở: every write (keyword-only, `actor`, one transaction, audit row; moves through the kit)."""

from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.services.consultations import (
    close_consultation,
    create_consultation,
    open_consultation,
    publish_answer,
    record_comment,
    respond,
    submit_comment,
)
from danvan.democracy.services.decisions import (
    adopt_convention,
    check_online,
    create_convention,
    create_decision,
    post_convention,
    recognise,
    recognise_convention,
    record_contribution,
    record_result,
    rule_in_force,
    send_result,
)
from danvan.democracy.services.disclosures import (
    attach,
    create_disclosure,
    end,
    item_in_force,
    missing_channels,
    open_file,
    publish,
)
from danvan.democracy.services.villages import (
    import_rows,
    register_household,
    register_village,
    village_kind,
)

__all__ = [
    "RULEBOOK",
    "adopt_convention",
    "check_online",
    "create_convention",
    "create_decision",
    "post_convention",
    "recognise",
    "recognise_convention",
    "record_contribution",
    "record_result",
    "rule_in_force",
    "send_result",
    "close_consultation",
    "create_consultation",
    "open_consultation",
    "publish_answer",
    "record_comment",
    "respond",
    "submit_comment",
    "attach",
    "create_disclosure",
    "end",
    "import_rows",
    "item_in_force",
    "missing_channels",
    "open_file",
    "publish",
    "register_household",
    "register_village",
    "village_kind",
]
