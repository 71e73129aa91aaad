"""Near-duplicate lookup against the database: LSH band keys in an indexed table, confirmed by a score.

The MinHash signature and the band keys come from `engines.dedup`; every stored petition has one
`PetitionBand` row per band, so finding candidates is an index lookup on at most BANDS keys whatever
the number of stored petitions. Candidates are ranked by the number of shared bands and the
MinHash-estimated Jaccard (from stored signatures), and the best are re-scored on their text.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from django.db.models import Count

from danvan.petitions.engines import dedup
from danvan.petitions.models import Petition, PetitionBand

MAX_RESCORE = 12
MAX_CANDIDATES = 400
_MASK = (1 << 63) - 1


def dedup_text(title: str, content: str) -> str:
    return f"{title}. {content}"


def band_ints(sig: bytes) -> list[int]:
    """The engine's band keys ("07:<16 hex>") as signed 63-bit integers for an indexed BIGINT column."""
    out = []
    for key in dedup.band_keys(sig):
        band, digest = key.split(":", 1)
        out.append((int(digest, 16) ^ (int(band) * 0x9E3779B97F4A7C15)) & _MASK)
    return out


def bands_for(petition_id: int, sig: bytes) -> list[PetitionBand]:
    return [PetitionBand(petition_id=petition_id, key=k) for k in band_ints(sig)]


def find(text: str, sig: bytes, *, exclude: Iterable[int] = (), limit: int = 5) -> list[tuple[int, float]]:
    """Stored petitions about the same matter as `text`: [(petition id, score)], best first."""
    keys = band_ints(sig)
    excluded = set(exclude)
    # Shared bands are counted in the database (one index range per key, grouped in C): a probe meets
    # tens of thousands of band rows when a text was sent many times, too many to count in Python.
    shared = (
        PetitionBand.objects.filter(key__in=keys)
        .values_list("petition_id")
        .annotate(shared=Count("*"))
        .order_by("-shared", "petition_id")
    )
    top = [pk for pk, _ in shared[: MAX_CANDIDATES + len(excluded)] if pk not in excluded][:MAX_CANDIDATES]
    if not top:
        return []
    rows = [
        (pk, bytes(stored))
        for pk, stored in Petition.objects.filter(pk__in=top).values_list("pk", "signature")
        if stored
    ]
    query = np.frombuffer(sig, dtype="<u4")
    rows = [(pk, stored) for pk, stored in rows if len(stored) == len(sig)]
    if not rows:
        return []
    matrix = np.frombuffer(b"".join(stored for _, stored in rows), dtype="<u4").reshape(len(rows), len(query))
    estimates = (matrix == query).mean(axis=1)
    scored = sorted(
        ((float(e), pk) for e, (pk, _) in zip(estimates, rows, strict=True) if e >= dedup.PREFILTER),
        reverse=True,
    )
    best = [pk for _, pk in scored[:MAX_RESCORE]]
    if not best:
        return []
    target = dedup.Features.of(text)
    hits: list[tuple[int, float]] = []
    scores: dict[str, float] = {}  # the same text sent several times is scored once
    for pk, title, content in Petition.objects.filter(pk__in=best).values_list("pk", "title", "content"):
        other_text = dedup_text(title, content)
        if other_text not in scores:
            scores[other_text] = dedup.score_features(target, dedup.Features.of(other_text))
        s = scores[other_text]
        if s >= dedup.THRESHOLD:
            hits.append((pk, round(s, 4)))
    hits.sort(key=lambda h: (-h[1], h[0]))
    return hits[:limit]
