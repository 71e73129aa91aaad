"""Đơn thư: the field classifier and the near-duplicate engine for other modules' texts (the situation
ledger's dialogue questions, press events and reports), for the analysis process and the workers only.

Nothing heavy is imported at module level: the classifier (underthesea, scikit-learn) and the MinHash
engine (datasketch) load on the first call, so importing `danvan.petitions.services` on the web path
costs nothing. The classifier is the petitions' own (`training.suggest`: the current model, one per
process, with the officers' decisions once retrained), under the same lock as the enrichment.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

#: MinHash agreement (an estimate of the shingle Jaccard) from which two texts are copies of one letter:
#: the duplicate engine's threshold for a campaign letter joining its group (`duplicates.COPY_THRESHOLD`)
COPY_SIMILARITY = 0.7


def suggest_field(text: str) -> tuple[str, float] | None:
    """The petition field (code) the classifier reads in `text`, with its probability; None when the
    classifier is unavailable or the text is empty."""
    from danvan.petitions import training
    from danvan.petitions.services.enrichment import _suggest_lock

    text = (text or "").strip()
    if not text:
        return None
    try:
        with _suggest_lock:
            found = training.suggest(text)
    except (OSError, ValueError) as exc:  # a help, never a reason to stop the caller's run
        logger.warning("Field suggestion unavailable: %s", exc.__class__.__name__)
        return None
    return (str(found[0][0]), float(found[0][1])) if found else None


def text_signature(text: str) -> bytes:
    """The duplicate engine's MinHash signature of `text` (the same as a petition's `signature`)."""
    from danvan.petitions.engines import dedup

    return dedup.signature(text or "")


def similarities(sig: bytes, others: list[bytes]) -> list[float]:
    """The MinHash estimate of the Jaccard similarity between `sig` and each of `others` (0.0 for a
    signature of another length), computed on one array."""
    import numpy as np

    if not others:
        return []
    same = [o for o in others if len(o) == len(sig)]
    if not same or not sig:
        return [0.0] * len(others)
    stored = np.frombuffer(b"".join(same), dtype="<u4").reshape(len(same), -1)
    agree = iter((stored == np.frombuffer(sig, dtype="<u4")).mean(axis=1).tolist())
    return [float(next(agree)) if len(o) == len(sig) else 0.0 for o in others]
