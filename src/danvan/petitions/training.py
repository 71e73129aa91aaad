"""The field suggestion's model: the shipped labelled texts plus the officers' decisions.

`services.confirm_field` stores every decision (`FieldCorrection`: who, when, the unit, what the
suggestion said, what the officer chose). `danvan petitions train-classifier` exports them to
`DATA_DIR/petitions/field_decisions.csv` (the petition's working text and the chosen field; for a
denunciation the redacted copy, never the identity) and trains the next model on the shipped file
plus this one; the analysis process loads that model (`current_model`) the next time it starts.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from danvan.petitions.models import FieldCorrection

if TYPE_CHECKING:
    from danvan.petitions.engines.classifier import FieldClassifier


def decisions_path() -> Path:
    return Path(settings.DATA_DIR) / "petitions" / "field_decisions.csv"


def export_decisions(path: Path | None = None) -> int:
    """Write the latest decision per petition as `text,field,group` rows; returns the row count."""
    target = path or decisions_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    latest: dict[int, tuple[str, str]] = {}
    rows = (
        FieldCorrection.objects.order_by("at", "id")
        .values_list("petition_id", "field__code", "petition__title", "petition__content")
        .iterator(chunk_size=2000)
    )
    for petition_id, code, title, content in rows:
        latest[petition_id] = (f"{title}. {content}", code)
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "field", "group"])
        for petition_id, (text, code) in sorted(latest.items()):
            writer.writerow([text, code, f"petition{petition_id}"])
    tmp.replace(target)
    return len(latest)


def current_model() -> FieldClassifier:
    """The model trained on the shipped texts and, once exported, the officers' decisions."""
    from danvan.petitions.engines import classifier

    extra = [decisions_path()] if decisions_path().exists() else []
    return classifier.load_or_train(extra=extra)


def retrain() -> tuple[int, FieldClassifier]:
    """Export the decisions and train (and cache) the next model on them; returns (decisions, model)."""
    from danvan.petitions.engines import classifier

    count = export_decisions()
    model = classifier.load_or_train(extra=[decisions_path()])
    current.cache_clear()
    suggest.cache_clear()
    return count, model


@lru_cache(maxsize=1)
def current() -> FieldClassifier:
    """The analysis process's model, loaded once (`retrain` clears it)."""
    return current_model()


@lru_cache(maxsize=4096)
def suggest(text: str) -> list[tuple[str, float]]:
    """The best field for `text`; identical letters (a campaign) are classified once per process."""
    return current().suggest(text, k=1)
