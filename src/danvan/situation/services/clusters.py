"""Near-identical signals within a (topic, place): one cluster per letter, however many copies were sent.

A campaign (the same letter signed by many, sent to several bodies, asked again at a dialogue) is many
signals and one matter. Each pending signal (`clustered=False`) is compared, by the duplicate engine's
MinHash signature (`petitions.services.similarities`: the estimate of the shingle Jaccard similarity),
with the first signal of every cluster of its (topic, place) in the `WINDOW_DAYS` before it; at
`COPY_SIMILARITY` or above it joins the best one's cluster, else it may start one. Written once in the
worker, so the ledger only counts (`selectors.ledger`: clusters and the largest cluster's size).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction

from danvan.petitions import services as analysis
from danvan.situation.models import Signal

#: how far back a copy looks for the letter it copies
WINDOW_DAYS = 180
BATCH = 5000
FIELDS = (
    "id",
    "source",
    "source_id",
    "topic_id",
    "unit_id",
    "on",
    "title",
    "signature",
    "cluster",
    "clustered",
)


def cluster_pending(*, limit: int | None = None) -> int:
    """Cluster every signal not yet compared with its group; returns the number of signals clustered."""
    done = 0
    while limit is None or done < limit:
        batch = list(Signal.objects.filter(clustered=False).order_by("id").only(*FIELDS)[:BATCH])
        if not batch:
            break
        _cluster(batch)
        done += len(batch)
    return done


def _cluster(batch: list[Signal]) -> None:
    groups: dict[tuple[int, int], list[Signal]] = defaultdict(list)
    for s in batch:
        if not s.signature:
            s.signature = analysis.text_signature(s.title)
        groups[(s.topic_id, s.unit_id)].append(s)
    changed: dict[int, Signal] = {}
    for (topic_id, unit_id), members in groups.items():
        members.sort(key=lambda s: (s.on, s.pk))
        since = members[0].on - dt.timedelta(days=WINDOW_DAYS)
        heads = _heads(topic_id, unit_id, since)
        for s in members:
            sig = bytes(s.signature or b"")
            scores = analysis.similarities(sig, [bytes(h.signature or b"") for h in heads])
            best = max(range(len(heads)), key=lambda i: scores[i], default=None)
            if best is not None and scores[best] >= analysis.COPY_SIMILARITY:
                head = heads[best]
                if not head.cluster:
                    head.cluster = head.key
                    changed[head.pk] = head
                s.cluster = head.cluster
            else:
                heads.append(s)
            s.clustered = True
            changed[s.pk] = s
    with transaction.atomic():
        Signal.objects.bulk_update(
            list(changed.values()), ["cluster", "signature", "clustered"], batch_size=500
        )


def _heads(topic_id: int, unit_id: int, since: dt.date) -> list[Signal]:
    """The signals of the group a new one may copy: each cluster's first and every lone signal."""
    rows = Signal.objects.filter(
        topic_id=topic_id, unit_id=unit_id, clustered=True, on__gte=since, signature__isnull=False
    ).only(*FIELDS)
    return [r for r in rows if not r.cluster or r.cluster == r.key]
