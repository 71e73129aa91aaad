"""Dân vận khéo: views by topic (public pages, the officers' registry, figures, contests)."""

from danvan.exemplars.views.contests import contest_act, contest_detail, contest_list, contest_score
from danvan.exemplars.views.figures import figures
from danvan.exemplars.views.public import contest_public, file, gallery, public_detail
from danvan.exemplars.views.registry import (
    act,
    bulk,
    check_duplicates,
    create,
    criteria,
    detail,
    edit,
    officer_list,
    replicate,
    score,
)

__all__ = [
    "act",
    "bulk",
    "check_duplicates",
    "contest_act",
    "contest_detail",
    "contest_list",
    "contest_public",
    "contest_score",
    "create",
    "criteria",
    "detail",
    "edit",
    "figures",
    "file",
    "gallery",
    "officer_list",
    "public_detail",
    "replicate",
    "score",
]
