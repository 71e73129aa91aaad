"""Dân vận khéo benchmark: 500,000 registered models (SQLite, generated once into bench/data/exemplars/).

Figures: the public gallery search (selectors.gallery: words without diacritics, field, province) p50/p99,
the near-duplicate check run at registration (selectors.near_duplicates) p50/p99, and, measured in the
same run on the same database, two baselines: a bare primary-key query (the floor of any query) and the
naive gallery query (status + LIKE on the folded text, newest first) without the word index.
Runs in a child process so that Django is configured against its own data folder.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from danvan.core import clock

N = int(os.environ.get("EXEMPLARS_BENCH_N", "500000"))
CHUNK = 20_000
REPEAT = int(os.environ.get("EXEMPLARS_BENCH_REPEAT", "200"))

SYLLABLES = (
    "na lau ban chat khon cuong pac lang phai con quan khau rang ta lai pac bo coc mu "
    "lung vai that khe mo hin tong pan kheo lan nhat hoa deo thang tru ngoc tan loc hai "
    "phu my an phuoc binh long hung thanh dong tay bac nam trung ha thuong vinh yen"
).split()
TOPICS = [
    (
        "Dân vận khéo trong làm đường giao thông nông thôn",
        "kinh_te",
        "Đường vào thôn lầy lội, mùa mưa khó đi lại",
    ),
    ("Tổ hợp tác trồng hồi, quế theo chuỗi giá trị", "kinh_te", "Giá nông sản bấp bênh, bị ép giá"),
    ("Giúp nhau giảm nghèo bền vững", "kinh_te", "Tỷ lệ hộ nghèo cao, thiếu vốn sản xuất"),
    ("Dồn điền đổi thửa, xây dựng cánh đồng lớn", "kinh_te", "Ruộng manh mún, khó cơ giới hóa"),
    ("Thôn bản sáng, xanh, sạch, đẹp", "van_hoa_xa_hoi", "Rác thải đổ bừa bãi, đường thôn tối"),
    ("Xóa nhà tạm, nhà dột nát cho hộ khó khăn", "van_hoa_xa_hoi", "Hộ nghèo ở nhà tạm không an toàn"),
    ("Vận động bỏ hủ tục trong việc cưới, việc tang", "van_hoa_xa_hoi", "Cưới, tang kéo dài, tốn kém"),
    ("Khuyến học, khuyến tài ở dòng họ", "van_hoa_xa_hoi", "Học sinh bỏ học sớm"),
    ("Camera an ninh – mắt thần khu dân cư", "quoc_phong_an_ninh", "Trộm cắp vặt tái diễn"),
    ("Tổ hòa giải ở cơ sở giỏi", "quoc_phong_an_ninh", "Mâu thuẫn đất đai kéo dài"),
    ("Khu dân cư không có tội phạm và tệ nạn xã hội", "quoc_phong_an_ninh", "Thanh niên sa vào tệ nạn"),
    ("Chính quyền lắng nghe dân nói, nói dân hiểu", "xay_dung_htct", "Người dân ít tham gia họp thôn"),
    ("Cán bộ, đảng viên phụ trách hộ gia đình", "xay_dung_htct", "Nắm tình hình nhân dân chưa sát"),
    ("Chi hội phụ nữ tự quản", "xay_dung_htct", "Hội viên ít tham gia sinh hoạt"),
]
MOBILISATION = [
    "Cấp ủy họp dân, cán bộ đến từng nhà vận động, đảng viên làm trước",
    "Công khai mọi khoản đóng góp, Mặt trận và đoàn thể giám sát",
    "Người có uy tín trong đồng bào dân tộc thiểu số vận động con cháu",
    "Tổ chức đối thoại trực tiếp, tiếp thu ý kiến nhân dân",
]
FIELD_LABELS = {
    "kinh_te": "Kinh tế",
    "van_hoa_xa_hoi": "Văn hóa – xã hội",
    "quoc_phong_an_ninh": "Quốc phòng – an ninh",
    "xay_dung_htct": "Xây dựng hệ thống chính trị",
}
STATUSES = ["recognised"] * 6 + ["draft", "submitted", "under_evaluation", "not_recognised", "retired"]


def _generate() -> None:
    """Insert N exemplars and their word index with bulk inserts (no per-row service call)."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.core.text import fold_words
    from danvan.exemplars.models import Exemplar
    from danvan.exemplars.services import index_words, name_bigrams
    from danvan.territory.models import AdminUnit, Level

    have = Exemplar.objects.count()
    if have >= N:
        return
    rng = random.Random(2026)
    communes = list(AdminUnit.objects.filter(level=Level.COMMUNE).values_list("id", "path", "name"))
    folded_units = {uid: fold_words(name) for uid, _, name in communes}
    folded_topics = [(fold_words(t), f, fold_words(p), p) for t, f, p in TOPICS]
    folded_mob = [(m, fold_words(m)) for m in MOBILISATION]
    kind_labels = {"model": "mo hinh", "person": "dien hinh ca nhan", "collective": "dien hinh tap the"}
    folded_fields = {k: fold_words(v) for k, v in FIELD_LABELS.items()}
    today = clock.today()
    now = timezone.now().isoformat(sep=" ")
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS exemplar_word_idx")
        cursor.execute("DROP INDEX IF EXISTS exemplar_word_ex_idx")
    next_id = (Exemplar.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    columns = (
        "id, unit_id, kind, name, place, field, period_start, period_end, year, problem, mobilisation, "
        "supporting_bodies, status, registered_on, recognition_level, decision_number, decision_date, award, "
        "award_body, retired_on, retired_reason, search_text, folded_name, version, created_by_id, created_at, "
        "updated_at, is_demo"
    )
    insert = f"INSERT INTO exemplars_exemplar ({columns}) VALUES ({', '.join(['%s'] * 28)})"
    insert_word = "INSERT INTO exemplars_exemplarword (word, province_code, exemplar_id) VALUES (%s, %s, %s)"
    remaining = N - have
    while remaining > 0:
        rows: list[tuple[Any, ...]] = []
        words: list[tuple[str, str, int]] = []
        for _ in range(min(CHUNK, remaining)):
            uid, path, unit_name = rng.choice(communes)
            province = path.split("/")[1]
            title, field, problem_f, problem = rng.choice(folded_topics)
            title_raw = TOPICS[[t[0] for t in folded_topics].index(title)][0]
            village = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
            number = rng.randint(1, 300)
            kind = rng.choices(["model", "person", "collective"], weights=[7, 2, 1])[0]
            name = f"{title_raw} ở thôn {village.title()} {number}"
            folded_name = f"{title} o thon {village} {number}"
            place = f"Thôn {village.title()}"
            mob, mob_f = rng.choice(folded_mob)
            status = rng.choice(STATUSES)
            registered = today - dt.timedelta(days=rng.randint(0, 1800))
            decided = registered + dt.timedelta(days=30) if status in {"recognised", "retired"} else None
            search_text = (
                " "
                + " ".join(
                    [
                        folded_name,
                        f"thon {village}",
                        folded_units[uid],
                        kind_labels[kind],
                        folded_fields[field],
                        problem_f,
                        mob_f,
                    ]
                )
                + " "
            )
            rows.append(
                (
                    next_id,
                    uid,
                    kind,
                    name,
                    place,
                    field,
                    (registered - dt.timedelta(days=200)).isoformat(),
                    None,
                    registered.year,
                    problem,
                    mob,
                    "",
                    status,
                    registered.isoformat(),
                    "commune" if decided else "",
                    "12/QĐ-UBND" if decided else "",
                    decided.isoformat() if decided else None,
                    "",
                    "",
                    (decided + dt.timedelta(days=365)).isoformat()
                    if status == "retired" and decided
                    else None,
                    "Không còn hiệu quả" if status == "retired" else "",
                    search_text,
                    folded_name,
                    1,
                    None,
                    now,
                    now,
                    False,
                )
            )
            words.extend((w, province, next_id) for w in index_words(search_text) + name_bigrams(folded_name))
            next_id += 1
        with transaction.atomic():
            if (
                connection.vendor == "sqlite"
            ):  # the driver's own executemany: no per-row placeholder rewriting
                raw = connection.connection
                raw.executemany(insert.replace("%s", "?"), rows)
                raw.executemany(insert_word.replace("%s", "?"), words)
            else:
                with connection.cursor() as cursor:
                    cursor.executemany(insert, rows)
                    cursor.executemany(insert_word, words)
        remaining -= len(rows)
        print(
            f"  generated {N - remaining:,} ({time.perf_counter() - start:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX exemplar_word_idx ON exemplars_exemplarword (word, exemplar_id, province_code)"
        )
        cursor.execute("CREATE INDEX exemplar_word_ex_idx ON exemplars_exemplarword (exemplar_id)")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=2000")
        cursor.execute("ANALYZE")
    print(f"  indexed ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)


def child(data_dir: Path) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import setup_django, summary_ms, time_calls

    setup_django(data_dir)
    _generate()

    from django.db import connection

    from danvan.core.text import search_terms
    from danvan.exemplars import selectors
    from danvan.exemplars.models import Exemplar
    from danvan.territory.models import AdminUnit, Level

    rng = random.Random(7)
    n = Exemplar.objects.count()
    provinces = list(AdminUnit.objects.filter(level=Level.PROVINCE).values_list("code", flat=True))
    communes = list(AdminUnit.objects.filter(level=Level.COMMUNE))
    queries: list[dict[str, str]] = []
    for i in range(REPEAT):
        shape = i % 8
        village = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if shape == 0:
            queries.append({"query": "đường giao thông"})
        elif shape == 1:
            queries.append({"query": village})  # two place words, each common, together rare
        elif shape == 2:
            queries.append({"query": "camera an ninh", "province": rng.choice(provinces)})
        elif shape == 3:
            queries.append({"field": rng.choice(list(FIELD_LABELS)), "province": rng.choice(provinces)})
        elif shape == 4:
            queries.append({"query": f"thôn {village.title()} {rng.randint(1, 300)}"})
        elif shape == 5:
            queries.append({"query": "hoa giai", "field": "quoc_phong_an_ninh"})
        elif shape == 6:
            queries.append({"query": rng.choice(communes).name})
        else:
            queries.append({"query": "Khuyến học dòng họ"})
    it = iter(queries * 2)
    selectors.gallery(**queries[0])  # warm caches
    search = time_calls(lambda: selectors.gallery(**next(it)), REPEAT)

    def bare_like(q: dict[str, str]) -> list[Any]:
        clauses = ["status = %s"]
        params: list[Any] = ["recognised"]
        if q.get("field"):
            clauses.append("field = %s")
            params.append(q["field"])
        for term in search_terms(q.get("query", "")):
            clauses.append("search_text LIKE %s")
            params.append(f"% {term} %")
        sql = f"SELECT id FROM exemplars_exemplar WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT 21"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    it2 = iter(queries * 2)
    naive = time_calls(lambda: bare_like(next(it2)), min(REPEAT, 60))
    ids = [rng.randint(1, n) for _ in range(REPEAT)]
    it3 = iter(ids)

    def by_pk() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, name FROM exemplars_exemplar WHERE id = %s", [next(it3)])
            cursor.fetchall()

    floor = time_calls(by_pk, REPEAT)

    # near-duplicate check: an existing model typed again with small differences, by a commune of its province
    samples = list(
        Exemplar.objects.filter(id__in=[rng.randint(1, n) for _ in range(REPEAT * 2)])
        .exclude(status__in=["not_recognised", "retired"])  # closed records are not duplicates by design
        .select_related("unit")[:REPEAT]
    )
    cases = []
    for e in samples:
        neighbours = [c for c in communes if c.parent_id == e.unit.parent_id]
        name = e.name.replace("Dân vận khéo trong", "Dân vận khéo").replace(" ở thôn ", " thôn ")
        cases.append((rng.choice(neighbours), name, e.problem, e.pk))
    it4 = iter(cases)
    found = 0

    def dedup() -> None:
        nonlocal found
        unit, name, problem, pk = next(it4)
        candidates = selectors.near_duplicates(unit=unit, name=name, problem=problem)
        found += any(c.exemplar.pk == pk for c in candidates)

    dups = time_calls(dedup, len(cases))
    s, d, b, f = summary_ms(search), summary_ms(dups), summary_ms(naive), summary_ms(floor)
    return {
        "exemplars.n": n,
        "exemplars.search_p50_ms": s["p50"],
        "exemplars.search_p99_ms": s["p99"],
        "exemplars.dedup_p50_ms": d["p50"],
        "exemplars.dedup_p99_ms": d["p99"],
        "exemplars.dedup_recall_pct": round(100 * found / max(1, len(cases)), 1),
        "exemplars.baseline_naive_like_p50_ms": b["p50"],
        "exemplars.baseline_naive_like_p99_ms": b["p99"],
        "exemplars.baseline_pk_query_p50_ms": f["p50"],
        "exemplars.search_vs_naive_ratio": round(s["p50"] / b["p50"], 3) if b["p50"] else None,
    }


def run(ctx: Any) -> dict[str, object]:
    from common import child_json

    data_dir = ctx.work / "exemplars"
    data_dir.mkdir(parents=True, exist_ok=True)
    return child_json(__file__, "--child", str(data_dir), label="exemplars")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]))))
    else:
        from common import BenchContext

        here = Path(__file__).resolve().parent
        print(run(BenchContext(root=here.parent, work=here / "data")))
