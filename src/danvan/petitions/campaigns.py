"""Campaigns: many identical or lightly edited letters analysed together.

When thousands of citizens send the same letter, every copy would otherwise run the whole analysis
(`services.enrich_petition`: a classifier call, a duplicate lookup and one write transaction with its
audit row). `join_copies(ids)` takes a batch of pending petitions and finds, for each distinct text of
the batch (letters whose folded text and place are the same form one group), the group representative
it copies:

1. **identical text**: the copy key's index probe (one query, `duplicates.representative`);
2. **a near-identical edit** (shingle Jaccard ≥ `duplicates.COPY_THRESHOLD` against the representative,
   damped when the two give different numbers or people; same commune): first against the
   representatives already met in this batch (in memory), then through the MinHash-LSH band keys in
   the database, which only representatives store (`duplicates.near_representative`, one query; the
   representatives' shingles are cached per process). The lookup never meets a group's members, so it
   costs the same whatever the group's size;
3. otherwise the first letter is analysed the usual way (it becomes a representative, or finds one)
   and the rest of its group joins the result.

Every letter that joins is written in one transaction per representative: the representative's field
suggestion, its own MinHash signature (or the representative's for an identical text), a duplicate link
to the representative, the field and the competent unit as the analysis would set them, and one
chained audit row per petition (`audit.append_many`). Joined letters store no index keys.

Denunciations (their text is redacted before analysis) are left to `enrich_petition`, and so are the
lone letters that copy no representative.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.petitions import duplicates, rules, writelock
from danvan.petitions.engines import dedup
from danvan.petitions.models import DuplicateCandidate, Field, Petition, State
from danvan.territory.models import AdminUnit


def join_copies(ids: Iterable[int], *, enrich_petition: Callable[[int], bool]) -> set[int]:
    """Analyse the copies and near-copies among `ids` together; returns the ids done (the others are
    left pending as they were, for `enrich_petition` one by one).

    `enrich_petition` is `services.enrich_petition` (passed in: services imports this module).
    """
    rows = list(
        Petition.objects.filter(pk__in=list(ids), enrich_queued_at__isnull=False, identity_enc="")
        .order_by("pk")
        .values_list("pk", "title", "content", "place_id")
    )
    groups: dict[tuple[int, int | None], list[tuple[int, str]]] = {}
    for pk, title, content, place in rows:
        text = duplicates.dedup_text(title, content)
        groups.setdefault((duplicates.copy_int(text), place), []).append((pk, text))
    batch_ids = {pk for pk, *_ in rows}
    exact = duplicates.representatives_by_copy_key(key for key, _ in groups)
    met: list[duplicates.Representative] = []  # representatives found in this batch
    joining: dict[int, dict[int, tuple[float, bytes | None]]] = {}

    def join(rep: int, letters: list[int], score: float, sig: bytes | None) -> None:
        entry = joining.setdefault(rep, {})
        for pk in letters:
            entry[pk] = (score, sig)

    def copied(key: int, place_id: int | None, excluded: set[int]) -> int | None:
        for pk, place in exact.get(key, ()):
            if pk not in excluded and (place_id is None or place in (None, place_id)):
                return pk
        return None

    done: set[int] = set()
    for (key, place_id), members in groups.items():
        text = members[0][1]
        letters = [pk for pk, _ in members]
        found = copied(key, place_id, batch_ids)
        if found is not None:
            join(found, letters, 1.0, None)
            _remember(met, duplicates.cached_representative(found))
            continue
        features = dedup.Features.of(text)
        sig = dedup.signature_of(dedup.minhash(features.shingles))
        near = duplicates.near_representative(features, sig, place_id=place_id, exclude=batch_ids, known=met)
        if near is not None:
            _remember(met, near[0])
            join(near[0].pk, letters, near[1], sig)
            continue
        if len(letters) < 2:
            continue  # a lone letter: the usual analysis
        if enrich_petition(letters[0]):  # the group's first, analysed in full
            done.add(letters[0])
        rest = letters[1:]
        excluded = batch_ids - {letters[0]}
        exact.update(duplicates.representatives_by_copy_key([key]))
        found = copied(key, place_id, excluded)
        if found is not None:
            join(found, rest, 1.0, None)
            _remember(met, duplicates.cached_representative(found))
            continue
        near = duplicates.near_representative(features, sig, place_id=place_id, exclude=excluded, known=met)
        if near is not None:
            _remember(met, near[0])
            join(near[0].pk, rest, near[1], sig)
    for rep, joined in joining.items():
        done |= _write_copies(rep, joined)
    return done


_WRITTEN = (
    "suggested_field",
    "suggested_probability",
    "signature",
    "enrich_queued_at",
    "field",
    "unit",
    "is_skip_level",
)


def _update(petitions: list[Petition]) -> None:
    """What the analysis sets, one prepared UPDATE run for every row (Django's `bulk_update` builds a
    CASE expression per column and row: most of a batch's time)."""
    fields = [Petition._meta.get_field(name) for name in _WRITTEN]
    columns = ", ".join(f"{connection.ops.quote_name(str(f.column))} = %s" for f in fields)  # type: ignore[union-attr]
    sql = f"UPDATE {Petition._meta.db_table} SET {columns} WHERE id = %s"  # noqa: S608 - model metadata
    params = [
        [f.get_db_prep_save(getattr(p, f.attname), connection) for f in fields] + [p.pk]  # type: ignore[union-attr]
        for p in petitions
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _remember(met: list[duplicates.Representative], rep: duplicates.Representative | None) -> None:
    if rep is not None and all(r.pk != rep.pk for r in met):
        met.append(rep)


def _write_copies(representative: int, letters: dict[int, tuple[float, bytes | None]]) -> set[int]:
    found = list(
        Petition.objects.filter(pk=representative).values(
            "suggested_field_id", "suggested_probability", "signature"
        )
    )
    if not found:  # deleted meanwhile: the letters stay pending for the usual analysis
        duplicates.forget_representative(representative)
        return set()
    rep = found[0]
    ids = list(letters)
    suggested = (
        Field.objects.filter(pk=rep["suggested_field_id"]).first() if rep["suggested_field_id"] else None
    )
    entries = []
    with writelock.writer_turn(), transaction.atomic():
        locked = list(
            Petition.objects.select_for_update()
            .filter(pk__in=ids, enrich_queued_at__isnull=False)
            .only(
                "pk",
                "tracking_code",
                "kind",
                "state",
                "field_id",
                "unit_id",
                "place_id",
                "received_unit_id",
                "received_at",
                "is_skip_level",
            )
        )
        if not locked:
            return set()
        units = {
            u.pk: u
            for u in AdminUnit.objects.select_related("parent").filter(
                pk__in={p.unit_id for p in locked}
                | {p.place_id for p in locked if p.place_id}
                | {p.received_unit_id for p in locked}
            )
        }
        competent: dict[tuple[str, int, Any], AdminUnit] = {}
        for p in locked:
            changes: dict[str, list[Any]] = {
                "suggested_field": [None, suggested.code if suggested else None],
                "duplicate_candidates": [None, [representative]],
            }
            p.suggested_field = suggested
            p.suggested_probability = rep["suggested_probability"]
            score, own = letters[p.pk]
            p.signature = own or rep["signature"]
            p.enrich_queued_at = None
            if p.field_id is None and suggested is not None:
                p.field = suggested
                changes["field"] = [None, suggested.code]
                if p.state == State.RECEIVED and p.place_id is not None:
                    day = clock.local_date(p.received_at)
                    key = (p.kind, p.place_id, day)
                    if key not in competent:
                        competent[key] = rules.competent_unit(
                            kind=p.kind, field=suggested, place=units[p.place_id], on=day
                        )
                    unit = competent[key]
                    if unit.pk != p.unit_id:
                        changes["unit"] = [units[p.unit_id].code, unit.code]
                        p.unit_id = unit.pk
                        units.setdefault(unit.pk, unit)
                        p.is_skip_level = units[p.received_unit_id].level < unit.level
            entries.append(
                audit.unlinked(
                    actor=None,
                    action=AuditAction.UPDATE,
                    obj=p,
                    unit=units[p.unit_id],
                    summary=(
                        f"Phân tích tự động đơn {p.tracking_code}: gợi ý lĩnh vực "
                        f"{suggested.name if suggested else 'không có'}, "
                        f"{'cùng' if score >= 1.0 else 'gần như cùng'} nội dung với đơn đã có (nhóm đơn)"
                    ),
                    changes=changes,
                )
            )
        _update(locked)
        DuplicateCandidate.objects.bulk_create(
            [
                DuplicateCandidate(
                    petition_id=p.pk, candidate_id=representative, score=round(letters[p.pk][0], 4)
                )
                for p in locked
            ]
        )
        audit.append_many(entries)
    return {p.pk for p in locked}
