"""Duplicate lookup against the database: index keys in one table, confirmed on the text.

Every petition that starts a group stores its keys in `PetitionBand` (covering index on
`(key, petition_id)`):

* the 32 LSH band keys of its MinHash signature (`engines.dedup`): near-identical texts;
* its matter keys (`engines.matter.keys`): each place or object it names, alone and paired with its
  rarer content words, and pairs of those words: the same matter told in other words;
* its copy key (the hash of its folded text): identical letters.

A lookup reads at most `PER_KEY` postings per key (the newest) in one SQL statement, counts the
shared keys per petition in the database, ranks the best `MAX_CANDIDATES` by that count and by the
MinHash estimate, and confirms the best `MAX_RESCORE` on their text: the near-identical score
(`dedup`) or the same-matter score (`matter`, with two different resolved places — the territory's
communes — keeping two petitions apart). Its cost is bounded whatever the table size.

Campaigns: a letter that copies a group's representative (same folded text, or a near-identical
edit) joins that group: it is linked to the representative and stores no keys, so the next copy meets
one representative, not every member, and joining costs the same whatever the group's size.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection

from danvan.petitions.engines import dedup, matter
from danvan.petitions.engines.text import normalise
from danvan.petitions.models import Petition, PetitionBand

MAX_RESCORE = 12
MAX_CANDIDATES = 400
#: postings read per key (the newest): a key shared by thousands of petitions is weak evidence
PER_KEY = 200
#: near-identical score (shingle Jaccard) from which a letter joins its match's group
COPY_THRESHOLD = 0.7
#: representatives (best shared band count first) a campaign letter is compared with
NEAR_CANDIDATES = 3
#: representatives whose shingles a process keeps (`cached_representative`)
REPRESENTATIVE_CACHE = 4096
_MASK = (1 << 63) - 1


def dedup_text(title: str, content: str) -> str:
    return f"{title}. {content}"


def _int(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") & _MASK


def band_ints(sig: bytes) -> list[int]:
    """The engine's band keys ("07:<16 hex>") as signed 63-bit integers for an indexed BIGINT column."""
    out = []
    for key in dedup.band_keys(sig):
        band, digest = key.split(":", 1)
        out.append((int(digest, 16) ^ (int(band) * 0x9E3779B97F4A7C15)) & _MASK)
    return out


def matter_ints(m: matter.Matter) -> list[int]:
    return [_int("m:" + k) for k in matter.keys(m)]


def copy_int(text: str) -> int:
    return _int("c:" + normalise(text))


def bands_for(petition_id: int, sig: bytes, text: str | None = None) -> list[PetitionBand]:
    keys = band_ints(sig)
    if text is not None:
        keys += matter_ints(matter.Matter.of(text)) + [copy_int(text)]
    return [PetitionBand(petition_id=petition_id, key=k) for k in dict.fromkeys(keys)]


@dataclass
class Analysis:
    """What the duplicate check found for one text, and what to store for it."""

    signature: bytes
    candidates: list[tuple[int, float]]
    #: the group representative this letter copies (it then stores no keys)
    copy_of: int | None = None
    keys: list[int] = field(default_factory=list)

    def rows(self, petition_id: int) -> list[PetitionBand]:
        return [PetitionBand(petition_id=petition_id, key=k) for k in self.keys]


def _shared(keys: list[int], excluded: set[int]) -> list[tuple[int, int]]:
    """(petition id, shared key count), most shared first, reading at most PER_KEY postings per key."""
    if not keys:
        return []
    table = PetitionBand._meta.db_table
    one = f"SELECT petition_id FROM (SELECT petition_id FROM {table} WHERE key = %s ORDER BY petition_id DESC LIMIT {PER_KEY}) AS k{{i}}"  # noqa: S608 - constants
    union = " UNION ALL ".join(one.format(i=i) for i in range(len(keys)))
    sql = (
        f"SELECT petition_id, COUNT(*) AS n FROM ({union}) AS u GROUP BY petition_id "  # noqa: S608
        f"ORDER BY n DESC, petition_id DESC LIMIT {MAX_CANDIDATES + len(excluded)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        return [(int(pk), int(n)) for pk, n in cursor.fetchall() if pk not in excluded][:MAX_CANDIDATES]


def _petition_rows(ids: list[int], names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Columns of some petitions by id, in one plain statement (the ORM's compilation of a 400-id
    `pk__in` cost more than the query itself)."""
    if not ids:
        return []
    columns = ", ".join(connection.ops.quote_name(str(Petition._meta.get_field(n).column)) for n in names)  # type: ignore[union-attr]
    marks = ", ".join(["%s"] * len(ids))
    sql = f"SELECT {columns} FROM {Petition._meta.db_table} WHERE id IN ({marks})"  # noqa: S608 - metadata
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return list(cursor.fetchall())


def representative(
    text: str, *, place_id: int | None = None, exclude: Iterable[int] = ()
) -> tuple[int, bytes] | None:
    """The group representative whose folded text is exactly this one, about the same place: its id and
    signature (one query: the copy key's index probe joined to the petition), if any."""
    excluded = set(exclude)
    rows = Petition.objects.filter(
        pk__in=PetitionBand.objects.filter(key=copy_int(text)).values("petition_id")
    )
    for pk, sig, place in rows.values_list("pk", "signature", "place_id")[:5]:
        if pk not in excluded and (place_id is None or place in (None, place_id)):
            return int(pk), bytes(sig) if sig else b""
    return None


def representatives_by_copy_key(keys: Iterable[int]) -> dict[int, list[tuple[int, int | None]]]:
    """For several copy keys at once (a batch of letters): copy key → [(representative id, its place)],
    in one query over the index (only representatives store a copy key)."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    band, petition = PetitionBand._meta.db_table, Petition._meta.db_table
    marks = ", ".join(["%s"] * len(wanted))
    sql = (
        f"SELECT b.key, b.petition_id, p.place_id FROM {band} b JOIN {petition} p ON p.id = b.petition_id "  # noqa: S608
        f"WHERE b.key IN ({marks}) ORDER BY b.petition_id"
    )
    out: dict[int, list[tuple[int, int | None]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, wanted)
        for key, pk, place in cursor.fetchall():
            out.setdefault(int(key), []).append((int(pk), place))
    return out


@dataclass(frozen=True)
class Representative:
    """A group representative as a campaign letter is compared with it: its shingles and its place."""

    pk: int
    features: dedup.Features
    place_id: int | None


_representatives: OrderedDict[int, Representative] = OrderedDict()


def cached_representative(pk: int) -> Representative | None:
    """The representative `pk` (its text read and shingled once per process, least recently used out)."""
    rep = _representatives.get(pk)
    if rep is not None:
        _representatives.move_to_end(pk)
        return rep
    row = Petition.objects.filter(pk=pk).values_list("title", "content", "place_id").first()
    if row is None:
        return None
    title, content, place = row
    rep = Representative(pk, dedup.Features.of(dedup_text(title, content)), place)
    _representatives[pk] = rep
    if len(_representatives) > REPRESENTATIVE_CACHE:
        _representatives.popitem(last=False)
    return rep


def forget_representative(pk: int) -> None:
    _representatives.pop(pk, None)


def copy_score(features: dedup.Features, place_id: int | None, rep: Representative) -> float:
    """How near a letter is to a representative's text (0 when the two name different communes)."""
    if place_id is not None and rep.place_id not in (None, place_id):
        return 0.0
    return dedup.score_features(features, rep.features)


def near_representative(
    features: dedup.Features,
    sig: bytes,
    *,
    place_id: int | None = None,
    exclude: Iterable[int] = (),
    known: Sequence[Representative] = (),
) -> tuple[Representative, float] | None:
    """The representative a letter is a near-identical edit of (score ≥ `COPY_THRESHOLD`), with its score.

    First among `known` (those met in the same batch, no query), then through the band keys of the
    letter's MinHash signature: one query over the index, which holds representatives' keys only (copies
    store none), then the `NEAR_CANDIDATES` sharing most bands are compared on their cached shingles.
    Its cost does not depend on the size of any group.
    """
    best: tuple[Representative, float] | None = None
    for rep in known:
        s = copy_score(features, place_id, rep)
        if s >= COPY_THRESHOLD and (best is None or s > best[1]):
            best = (rep, s)
    if best is not None:
        return best
    for pk, _ in _shared(band_ints(sig), set(exclude))[:NEAR_CANDIDATES]:
        found = cached_representative(pk)
        if found is None:
            continue
        s = copy_score(features, place_id, found)
        if s >= COPY_THRESHOLD and (best is None or s > best[1]):
            best = (found, s)
    return best


def analyse(
    text: str, *, place_id: int | None = None, exclude: Iterable[int] = (), limit: int = 5
) -> Analysis:
    """The duplicate check of one incoming text (see the module docstring)."""
    excluded = set(exclude)
    copy = representative(text, place_id=place_id, exclude=excluded)
    if copy is not None:
        pk, stored = copy
        return Analysis(stored or dedup.signature(text), [(pk, 1.0)], copy_of=pk)
    sig = dedup.signature(text)
    target = matter.Matter.of(text)
    keys = band_ints(sig) + matter_ints(target)
    hits, copy_of = _confirm(text, sig, target, keys, place_id, excluded, limit)
    if copy_of is not None:
        return Analysis(sig, hits, copy_of=copy_of)
    return Analysis(sig, hits, keys=list(dict.fromkeys([*keys, copy_int(text)])))


def find(text: str, sig: bytes, *, exclude: Iterable[int] = (), limit: int = 5) -> list[tuple[int, float]]:
    """Stored petitions about the same matter as `text`: [(petition id, score)], best first."""
    target = matter.Matter.of(text)
    hits, _ = _confirm(text, sig, target, band_ints(sig) + matter_ints(target), None, set(exclude), limit)
    return hits


def _confirm(
    text: str,
    sig: bytes,
    target: matter.Matter,
    keys: list[int],
    place_id: int | None,
    excluded: set[int],
    limit: int,
) -> tuple[list[tuple[int, float]], int | None]:
    shared = dict(_shared(keys, excluded))
    if not shared:
        return [], None
    rows = [
        (int(pk), bytes(stored) if stored else b"", place)
        for pk, stored, place in _petition_rows(list(shared), ("id", "signature", "place"))
    ]
    # The MinHash estimate of every candidate at once (one array of their stored signatures).
    comparable = [(pk, stored) for pk, stored, _ in rows if len(stored) == len(sig)]
    estimates: dict[int, float] = {}
    if comparable:
        stored_all = np.frombuffer(b"".join(stored for _, stored in comparable), dtype="<u4")
        agree = (stored_all.reshape(len(comparable), -1) == np.frombuffer(sig, dtype="<u4")).mean(axis=1)
        estimates = {pk: float(a) for (pk, _), a in zip(comparable, agree, strict=True)}
    ranked = sorted(((shared[pk], estimates.get(pk, 0.0), pk) for pk, _, _ in rows), reverse=True)
    best = [pk for _, _, pk in ranked[:MAX_RESCORE]]
    places = {pk: place for pk, _, place in rows}
    near = dedup.Features.of(text)
    hits: list[tuple[int, float]] = []
    copy_of: int | None = None
    copy_score = 0.0
    for pk, title, content in _petition_rows(best, ("id", "title", "content")):
        other = dedup_text(title, content)
        other_near = dedup.Features.of(other)
        near_score = dedup.score_features(near, other_near)
        comparison = matter.compare(target, matter.Matter.of(other))
        matter_score = comparison.score
        if place_id is not None and places.get(pk) not in (None, place_id) and not comparison.shared_places:
            # Two different communes of the territory: not the same matter, however alike the words.
            matter_score *= matter.PLACE_CONFLICT
            near_score *= matter.PLACE_CONFLICT
        if near_score >= COPY_THRESHOLD and near_score > copy_score:
            copy_of, copy_score = pk, near_score
        s = max(
            near_score if near_score >= dedup.THRESHOLD else 0.0,
            matter_score if matter_score >= matter.THRESHOLD else 0.0,
        )
        if s > 0:
            hits.append((pk, round(s, 4)))
    hits.sort(key=lambda h: (-h[1], h[0]))
    return hits[:limit], copy_of
