"""Coverage indicators for the whole country for a year, on SQLite and on PostgreSQL.

Data (generated once, reused): 3,321 communes and 34 provinces, 100,000 dialogues, 200,000 reception
days, 100,000 questions, 50,000 commitments, all in 2025. The figure is the median time of
`danvan.engagement.selectors.coverage(nation, 2025-01-01, 2025-12-31)` (every coverage figure with the
units behind it), compared with ONE hand-written SQL query computing the same headline figures, in the
same run; the two results must agree.

Each backend runs in its own process (Django is configured once per process):
    python bench/bench_engagement.py --child sqlite|postgres
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

N_DIALOGUES = 100_000
N_RECEPTIONS = 200_000
N_QUESTIONS = 100_000
N_COMMITMENTS = 50_000
YEAR = 2025
PG_NAME = "danvan_bench_engagement"
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"
REPEAT = 9

HAND_SQL = """
WITH u AS (
    SELECT id, level FROM territory_adminunit WHERE level IN (1, 2) AND path >= %s AND path < %s
),
held AS (
    SELECT DISTINCT unit_id FROM engagement_dialogue
    WHERE held_on >= %s AND held_on <= %s AND host_is_head
),
rd AS (
    SELECT unit_id, head_role, COUNT(DISTINCT date) AS days FROM engagement_receptionsession
    WHERE date >= %s AND date <= %s GROUP BY unit_id, head_role
),
req(role, lvl, days) AS (VALUES (%s, 2, %s), (%s, 2, %s), (%s, 1, %s), (%s, 1, %s)),
heads AS (
    SELECT req.days AS required, COALESCE(rd.days, 0) AS held_days
    FROM u JOIN req ON req.lvl = u.level
    LEFT JOIN rd ON rd.unit_id = u.id AND rd.head_role = req.role
    WHERE req.days > 0
),
q AS (
    SELECT COALESCE(SUM(d.questions_count), 0) AS total, COALESCE(SUM(d.answered_on_spot_count), 0) AS on_spot
    FROM engagement_dialogue d JOIN u ON u.id = d.unit_id
    WHERE d.held_on >= %s AND d.held_on <= %s
),
c AS (
    SELECT COUNT(*) AS total,
           COALESCE(SUM(CASE WHEN c.state = 'done' AND c.done_on <= c.due_date THEN 1 ELSE 0 END), 0) AS kept
    FROM engagement_commitment c JOIN u ON u.id = c.unit_id
    WHERE c.due_date >= %s AND c.due_date <= %s
)
SELECT
    (SELECT COUNT(*) FROM u WHERE level = 2),
    (SELECT COUNT(*) FROM u JOIN held ON held.unit_id = u.id WHERE u.level = 2),
    (SELECT COUNT(*) FROM u WHERE level = 1),
    (SELECT COUNT(*) FROM u JOIN held ON held.unit_id = u.id WHERE u.level = 1),
    (SELECT COALESCE(SUM(CASE WHEN held_days < required THEN held_days ELSE required END), 0) FROM heads),
    (SELECT COALESCE(SUM(required), 0) FROM heads),
    q.total, q.on_spot, c.total, c.kept
FROM q, c
"""

FIGURE_KEYS = [
    "communes_total",
    "communes_held",
    "provinces_total",
    "provinces_held",
    "reception_days_held",
    "reception_days_required",
    "questions_total",
    "questions_on_spot",
    "commitments_due",
    "commitments_kept",
]


def ensure_pg_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def recount_questions() -> None:
    """The per-dialogue question counters the services keep (bulk loading bypasses the services)."""
    from django.db.models import Count, OuterRef, Q, Subquery
    from django.db.models.functions import Coalesce

    from danvan.engagement.models import Dialogue, DialogueQuestion

    per_dialogue = DialogueQuestion.objects.filter(dialogue=OuterRef("pk")).values("dialogue").order_by()
    Dialogue.objects.update(
        questions_count=Coalesce(Subquery(per_dialogue.annotate(n=Count("id")).values("n")), 0),
        answered_on_spot_count=Coalesce(
            Subquery(per_dialogue.annotate(n=Count("id", filter=Q(answered_on_spot=True))).values("n")), 0
        ),
    )


def raw_question_figures(start: dt.date, end: dt.date) -> dict[str, int]:
    """The question figures from the question rows themselves (checks the counters; not timed)."""
    from django.db.models import Count, Q

    from danvan.engagement.models import DialogueQuestion

    return DialogueQuestion.objects.filter(
        dialogue__held_on__gte=start, dialogue__held_on__lte=end
    ).aggregate(questions_total=Count("id"), questions_on_spot=Count("id", filter=Q(answered_on_spot=True)))


def generate() -> dict[str, int]:
    """Bulk-load the year's records once (a benchmark fixture, not a user path: no audit rows)."""
    from django.db import transaction
    from django.utils import timezone

    from danvan.accounts.models import User
    from danvan.engagement.models import (
        Commitment,
        Dialogue,
        DialogueQuestion,
        DialogueState,
        HeadRole,
        ReceptionSession,
    )
    from danvan.territory.models import AdminUnit, Level

    sizes = {
        "dialogues": Dialogue.objects.count(),
        "receptions": ReceptionSession.objects.count(),
        "questions": DialogueQuestion.objects.count(),
        "commitments": Commitment.objects.count(),
    }
    if sizes == {
        "dialogues": N_DIALOGUES,
        "receptions": N_RECEPTIONS,
        "questions": N_QUESTIONS,
        "commitments": N_COMMITMENTS,
    }:
        return sizes
    rng = random.Random(2025)
    started = time.perf_counter()
    with transaction.atomic():
        for model in (Commitment, DialogueQuestion, Dialogue, ReceptionSession):
            model.objects.all().delete()
        owner, _ = User.objects.get_or_create(username="bench-owner", defaults={"full_name": "Bench"})
        communes = list(AdminUnit.objects.filter(level=Level.COMMUNE).values_list("pk", flat=True))
        provinces = list(AdminUnit.objects.filter(level=Level.PROVINCE).values_list("pk", flat=True))
        rng.shuffle(communes)
        active = communes[: round(len(communes) * 0.7478)]  # about the share conference reports quote
        day0 = dt.date(YEAR, 1, 1)
        tz = timezone.get_current_timezone()

        dialogues = []
        for i in range(N_DIALOGUES):
            province = i % 50 == 0
            unit = rng.choice(provinces if province else active)
            day = day0 + dt.timedelta(days=rng.randrange(365))
            state = rng.choices(
                [
                    DialogueState.PUBLISHED,
                    DialogueState.HELD,
                    DialogueState.ANNOUNCED,
                    DialogueState.CANCELLED,
                ],
                [80, 10, 6, 4],
            )[0]
            held = state in (DialogueState.PUBLISHED, DialogueState.HELD)
            dialogues.append(
                Dialogue(
                    unit_id=unit,
                    title=f"Đối thoại {i}",
                    host_role=HeadRole.PROVINCE_SECRETARY if province else HeadRole.COMMUNE_CHAIRMAN,
                    host_name="Người đứng đầu",
                    host_is_head=rng.random() > 0.05,
                    starts_at=dt.datetime.combine(day, dt.time(8), tzinfo=tz),
                    place="Hội trường",
                    content="Nội dung",
                    state=state,
                    announced_on=day - dt.timedelta(days=10),
                    held_on=day if held else None,
                    participants_count=100 if held else None,
                    published_on=day + dt.timedelta(days=5) if state == DialogueState.PUBLISHED else None,
                )
            )
        Dialogue.objects.bulk_create(dialogues, batch_size=5000)
        held_ids = list(
            Dialogue.objects.filter(held_on__isnull=False).values_list("pk", "unit_id", "held_on")
        )

        questions = []
        for i in range(N_QUESTIONS):
            pk, _, _ = held_ids[i % len(held_ids)] if i < len(held_ids) else rng.choice(held_ids)
            questions.append(
                DialogueQuestion(
                    dialogue_id=pk,
                    source="on_site",
                    text="Câu hỏi",
                    answer="Trả lời" if rng.random() < 0.9 else "",
                    answered_on_spot=rng.random() < 0.7,
                )
            )
        DialogueQuestion.objects.bulk_create(questions, batch_size=5000)
        recount_questions()

        commitments = []
        for _ in range(N_COMMITMENTS):
            pk, unit, made = rng.choice(held_ids)
            due = made + dt.timedelta(days=rng.choice([15, 30, 60, 90]))
            fate = rng.random()
            done_on = None
            state = "open"
            if fate < 0.55:
                state, done_on = "done", due - dt.timedelta(days=rng.randrange(10))
            elif fate < 0.7:
                state, done_on = "done", due + dt.timedelta(days=rng.randrange(1, 30))
            elif fate < 0.8:
                state = "explained"
            commitments.append(
                Commitment(
                    dialogue_id=pk,
                    unit_id=unit,
                    content="Cam kết",
                    owner=owner,
                    made_on=made,
                    due_date=due,
                    state=state,
                    done_on=done_on,
                )
            )
        Commitment.objects.bulk_create(commitments, batch_size=5000)

        receptions = []
        roles_c = [HeadRole.COMMUNE_CHAIRMAN, HeadRole.COMMUNE_CHAIRMAN, HeadRole.COMMUNE_SECRETARY]
        roles_p = [HeadRole.PROVINCE_CHAIRMAN, HeadRole.PROVINCE_SECRETARY]
        for i in range(N_RECEPTIONS):
            province = i % 200 == 0
            unit = rng.choice(provinces) if province else communes[i % len(communes)]
            receptions.append(
                ReceptionSession(
                    unit_id=unit,
                    head_role=rng.choice(roles_p if province else roles_c),
                    date=day0 + dt.timedelta(days=rng.randrange(365)),
                    receiver_name="Người đứng đầu",
                    citizens_count=rng.randrange(6),
                )
            )
        ReceptionSession.objects.bulk_create(receptions, batch_size=5000)
    print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return {
        "dialogues": Dialogue.objects.count(),
        "receptions": ReceptionSession.objects.count(),
        "questions": DialogueQuestion.objects.count(),
        "commitments": Commitment.objects.count(),
    }


def hand_sql(start: dt.date, end: dt.date, required: dict[str, int]) -> dict[str, int]:
    from django.db import connection

    from danvan.engagement.models import HeadRole
    from danvan.territory.models import SUBTREE_END

    root = "VN/"
    params: list[Any] = [root, root + SUBTREE_END, start, end, start, end]
    for role in (
        HeadRole.COMMUNE_CHAIRMAN,
        HeadRole.COMMUNE_SECRETARY,
        HeadRole.PROVINCE_CHAIRMAN,
        HeadRole.PROVINCE_SECRETARY,
    ):
        params += [str(role), required[role]]
    params += [start, end, start, end]
    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL, params)
        row = cursor.fetchone()
    return dict(zip(FIGURE_KEYS, (int(v) for v in row), strict=True))


def child(backend: str) -> dict[str, Any]:
    from common import setup_django

    data_dir = HERE / "data" / "engagement" / backend
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        ensure_pg_database()
        setup_django(data_dir, PG_URL)
    else:
        setup_django(data_dir)
    sizes = generate()
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum leaves behind: visibility map and statistics
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    from danvan.engagement import selectors
    from danvan.territory.models import AdminUnit, Level

    nation = AdminUnit.objects.get(level=Level.NATION)
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)

    def orm() -> dict[str, Any]:
        return selectors.coverage(nation, start, end).figures()

    def sql() -> dict[str, int]:
        return hand_sql(start, end, selectors.required_by_role(start, end))

    orm_figures, sql_figures = orm(), sql()  # warm-up, and the two must agree
    raw = raw_question_figures(start, end)
    counters_ok = all(orm_figures[k] == v for k, v in raw.items())
    orm_ms: list[float] = []
    sql_ms: list[float] = []
    for _ in range(REPEAT):  # interleaved, so that both see the same machine load
        t = time.perf_counter()
        orm()
        orm_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        sql()
        sql_ms.append((time.perf_counter() - t) * 1000)
    return {
        "sizes": sizes,
        "communes": AdminUnit.objects.filter(level=Level.COMMUNE).count(),
        "orm_ms": round(statistics.median(orm_ms), 1),
        "sql_ms": round(statistics.median(sql_ms), 1),
        "agree": orm_figures == sql_figures and counters_ok,
        "figures": orm_figures,
        "sql_figures": sql_figures,
    }


def run(ctx: Any) -> dict[str, object]:
    from common import child_json

    out: dict[str, object] = {}
    ratios = []
    for backend in ("sqlite", "postgres"):
        result = child_json(__file__, "--child", backend, label=f"engagement ({backend})")
        if not result["agree"]:
            raise RuntimeError(f"ORM and SQL figures differ on {backend}: {result}")
        ratio = round(result["orm_ms"] / result["sql_ms"], 2) if result["sql_ms"] else None
        out[f"engagement.coverage_ms_{backend}"] = result["orm_ms"]
        out[f"engagement.coverage_sql_ms_{backend}"] = result["sql_ms"]
        out[f"engagement.coverage_ratio_vs_sql_{backend}"] = ratio
        ratios.append(ratio or 0)
        if backend == "sqlite":
            out["engagement.n_communes"] = result["communes"]
            for key, value in result["sizes"].items():
                out[f"engagement.n_{key}"] = value
            figures = result["figures"]
            out["engagement.coverage_communes_pct"] = round(
                100 * figures["communes_held"] / figures["communes_total"], 2
            )
    out["engagement.coverage_ratio_vs_sql"] = max(ratios)  # the worse of the two backends
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2]), default=str))
    else:
        from common import BenchContext

        print(json.dumps(run(BenchContext(root=HERE.parent, work=HERE / "data")), indent=2))
