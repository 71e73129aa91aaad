"""Dân chủ ở cơ sở: every write (keyword-only, `actor`, one transaction, audit row; moves through the kit)."""

from danvan.democracy.services.consultations import (
    close_consultation,
    create_consultation,
    open_consultation,
    publish_answer,
    record_comment,
    respond,
    submit_comment,
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
