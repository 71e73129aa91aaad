"""Campaigns: many identical letters analysed together.

When thousands of citizens send the same letter, every copy would otherwise run the whole analysis
(`services.enrich_petition`: a classifier call, a duplicate lookup and one write transaction with its
audit row). `join_copies(ids)` takes a batch of pending petitions, groups the letters whose folded text
and place are the same, analyses the first of each group the usual way (it becomes, or finds, the
group's representative) and writes every other copy in one transaction: the representative's field
suggestion, signature and a duplicate link to it, the field and the competent unit as the analysis
would set them, and one chained audit row per petition (`audit.append_many`). Copies store no index
keys (`duplicates`), so joining costs the same whatever the group's size.

Denunciations (their text is redacted before analysis) and lone letters are left to `enrich_petition`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.petitions import duplicates, rules, writelock
from danvan.petitions.models import DuplicateCandidate, Field, Petition, State
from danvan.territory.models import AdminUnit


def join_copies(ids: Iterable[int], *, enrich_petition: Callable[[int], bool]) -> set[int]:
    """Analyse the copies among `ids` together; returns the ids done (the others are left as they were).

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
    done: set[int] = set()
    for (_, place_id), members in groups.items():
        if len(members) < 2 and duplicates.representative(members[0][1], place_id=place_id) is None:
            continue  # a lone letter: the usual analysis
        first_pk, text = members[0]
        found = duplicates.representative(text, place_id=place_id, exclude=[pk for pk, _ in members])
        if found is None:
            if enrich_petition(first_pk):
                done.add(first_pk)
            members = members[1:]
            found = duplicates.representative(text, place_id=place_id, exclude=[pk for pk, _ in members])
        if found is None or not members:
            continue
        done |= _write_copies(found[0], [pk for pk, _ in members])
    return done


def _write_copies(representative: int, ids: list[int]) -> set[int]:
    rep = Petition.objects.filter(pk=representative).values(
        "suggested_field_id", "suggested_probability", "signature"
    )[0]
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
            p.signature = rep["signature"]
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
                        f"{suggested.name if suggested else 'không có'}, cùng nội dung với đơn đã có (nhóm đơn)"
                    ),
                    changes=changes,
                )
            )
        Petition.objects.bulk_update(
            locked,
            [
                "suggested_field",
                "suggested_probability",
                "signature",
                "enrich_queued_at",
                "field",
                "unit",
                "is_skip_level",
            ],
            batch_size=500,
        )
        DuplicateCandidate.objects.bulk_create(
            [DuplicateCandidate(petition_id=p.pk, candidate_id=representative, score=1.0) for p in locked]
        )
        audit.append_many(entries)
    return {p.pk for p in locked}
