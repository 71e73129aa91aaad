"""Demo data: models and exemplary people registered, evaluated, recognised and replicated, and a contest.

Everything goes through the services (audit log, history); rows are marked `is_demo`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from danvan.core import clock
from danvan.core.registry import DemoContext, register_demo
from danvan.exemplars import services
from danvan.exemplars.models import Contest, Exemplar, Field, Kind, Measure, RecognitionLevel
from danvan.territory import naming
from danvan.territory.models import AdminUnit

SIZES = {"small": 40, "province": 300, "national": 2000}

TOPICS: dict[str, list[tuple[str, str, list[tuple[str, Measure, int, int]]]]] = {
    Field.ECONOMY: [
        (
            "Dân vận khéo trong làm đường giao thông nông thôn",
            "Đường vào thôn lầy lội, mùa mưa học sinh không đến trường được",
            [
                ("Đường bê tông làm mới", Measure.KM, 1, 12),
                ("Hộ hiến đất", Measure.HOUSEHOLDS, 5, 120),
                ("Nhân dân đóng góp", Measure.VND, 50_000_000, 2_000_000_000),
            ],
        ),
        (
            "Tổ hợp tác trồng hồi, quế theo chuỗi giá trị",
            "Giá nông sản bấp bênh, người dân bán lẻ bị ép giá",
            [
                ("Hộ tham gia", Measure.HOUSEHOLDS, 10, 200),
                ("Thu nhập tăng thêm", Measure.VND, 10_000_000, 500_000_000),
            ],
        ),
        (
            "Giúp nhau giảm nghèo bền vững",
            "Tỷ lệ hộ nghèo cao, thiếu vốn và kỹ thuật sản xuất",
            [
                ("Hộ thoát nghèo", Measure.HOUSEHOLDS, 3, 60),
                ("Ngày công hỗ trợ", Measure.WORKDAYS, 100, 3000),
            ],
        ),
        (
            "Dồn điền đổi thửa, xây dựng cánh đồng lớn",
            "Ruộng manh mún, khó cơ giới hóa",
            [
                ("Diện tích dồn đổi", Measure.SQUARE_METRES, 10_000, 900_000),
                ("Hộ đồng thuận", Measure.HOUSEHOLDS, 20, 400),
            ],
        ),
    ],
    Field.CULTURE_SOCIETY: [
        (
            "Thôn bản sáng, xanh, sạch, đẹp",
            "Rác thải sinh hoạt đổ bừa bãi, đường thôn tối",
            [
                ("Bóng đèn chiếu sáng lắp mới", Measure.WORKS, 10, 300),
                ("Hộ phân loại rác tại nguồn", Measure.HOUSEHOLDS, 20, 500),
            ],
        ),
        (
            "Xóa nhà tạm, nhà dột nát cho hộ khó khăn",
            "Nhiều hộ nghèo ở nhà tạm không an toàn mùa mưa bão",
            [
                ("Nhà được xây mới, sửa chữa", Measure.WORKS, 2, 40),
                ("Kinh phí vận động", Measure.VND, 100_000_000, 3_000_000_000),
            ],
        ),
        (
            "Vận động đồng bào bỏ hủ tục trong việc cưới, việc tang",
            "Tổ chức cưới, tang kéo dài, tốn kém",
            [("Hộ cam kết thực hiện", Measure.HOUSEHOLDS, 30, 600)],
        ),
        (
            "Khuyến học, khuyến tài ở dòng họ",
            "Học sinh bỏ học sớm để đi làm",
            [
                ("Học sinh được hỗ trợ", Measure.PEOPLE, 10, 300),
                ("Quỹ khuyến học", Measure.VND, 20_000_000, 800_000_000),
            ],
        ),
    ],
    Field.DEFENCE_SECURITY: [
        (
            "Camera an ninh – mắt thần khu dân cư",
            "Trộm cắp vặt tái diễn ở khu dân cư",
            [
                ("Camera lắp đặt", Measure.WORKS, 5, 120),
                ("Vụ việc được phát hiện, xử lý", Measure.CASES, 1, 40),
            ],
        ),
        (
            "Tổ hòa giải ở cơ sở giỏi",
            "Mâu thuẫn đất đai giữa các hộ kéo dài, khiếu kiện vượt cấp",
            [("Vụ việc hòa giải thành", Measure.CASES, 3, 90)],
        ),
        (
            "Dòng họ, khu dân cư không có tội phạm và tệ nạn xã hội",
            "Thanh niên sa vào tệ nạn",
            [("Người được cảm hóa, giúp đỡ", Measure.PEOPLE, 2, 50)],
        ),
    ],
    Field.POLITICAL_SYSTEM: [
        (
            "Chính quyền lắng nghe dân nói, nói dân hiểu, làm dân tin",
            "Người dân ít tham gia họp thôn, thiếu tin tưởng",
            [
                ("Kiến nghị được giải quyết", Measure.CASES, 5, 150),
                ("Tỷ lệ hộ dự họp", Measure.PERCENT, 60, 98),
            ],
        ),
        (
            "Cán bộ, đảng viên phụ trách hộ gia đình",
            "Nắm tình hình nhân dân chưa sát",
            [("Hộ được phụ trách", Measure.HOUSEHOLDS, 50, 900)],
        ),
        (
            "Chi hội phụ nữ tự quản",
            "Sinh hoạt chi hội kém hấp dẫn, hội viên ít tham gia",
            [("Hội viên mới", Measure.PEOPLE, 10, 200)],
        ),
    ],
}
# Demo people with their recorded gender (the honorific follows it: "Ông Hoàng Văn Sáng", "Bà Lý Thị Lan").
PEOPLE = [("Hoàng Văn Sáng", "male"), ("Lương Thị Thu", "female"), ("Nông Văn Hải", "male"),
          ("Vi Thị Hoa", "female"), ("Triệu Văn Minh", "male"), ("Lý Thị Lan", "female")]  # fmt: skip
VILLAGES = ["Nà Lầu", "Bản Chắt", "Khòn Cuồng", "Pác Lạng", "Nà Phai", "Còn Quan", "Khau Ràng", "Tà Lài"]


def _name(rng: random.Random, topic: str, kind: str, village: str) -> str:
    if kind == Kind.PERSON:
        person, gender = rng.choice(PEOPLE)
        return (
            f"{naming.addressed(person, gender)} – điển hình {topic[0].lower()}{topic[1:]} ở thôn {village}"
        )
    if kind == Kind.COLLECTIVE:
        return f"Chi hội thôn {village} – tập thể điển hình: {topic[0].lower()}{topic[1:]}"
    return f"{topic} ở thôn {village}"


def _past(rng: random.Random, today: dt.date, max_days: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(0, max_days))


def load(ctx: DemoContext) -> None:
    if Exemplar.objects.filter(is_demo=True).exists():
        return
    users: dict[str, Any] = ctx.data.get("users", {})
    admin = users.get("demo-quantri")
    # The council member is never the person who registered and submitted (separation of duties).
    judge = users.get("demo-trunguong")
    if admin is None or judge is None:
        return
    rng: random.Random = ctx.rng
    communes: list[AdminUnit] = list(ctx.data["units"]["communes"])
    total = SIZES.get(ctx.size, SIZES["small"])
    today = clock.today()
    bar = ctx.progress("Mô hình Dân vận khéo mẫu", total)
    recognised: list[Exemplar] = []
    for i in range(total):
        unit = communes[i % len(communes)]
        field = rng.choice(list(TOPICS))
        topic, problem, results = rng.choice(TOPICS[field])
        kind = rng.choices([Kind.MODEL, Kind.PERSON, Kind.COLLECTIVE], weights=[7, 2, 1])[0]
        village = rng.choice(VILLAGES)
        start = _past(rng, today, 1500) - dt.timedelta(days=365)
        exemplar = services.register(
            actor=admin,
            unit=unit,
            data=services.ExemplarInput(
                kind=kind,
                name=_name(rng, topic, kind, f"{village} {i + 1}"),
                place=f"Thôn {village}, {unit.name}",
                field=field,
                period_start=start,
                period_end=None,
                problem=f"{problem}. Người dân còn băn khoăn, chưa đồng thuận khi bắt đầu.",
                mobilisation="Cấp ủy họp dân, cán bộ đến từng nhà vận động; đảng viên, người có uy tín "
                "làm trước; công khai mọi khoản đóng góp; MTTQ và các đoàn thể giám sát.",
                supporting_bodies="Ủy ban MTTQ xã, Hội Nông dân, Hội Phụ nữ, Đoàn Thanh niên",
            ),
            results=[
                services.ResultInput(label, Decimal(rng.randint(lo, hi)), measure)
                for label, measure, lo, hi in results
            ],
            check_duplicates=False,
            is_demo=True,
        )
        registered = max(start, _past(rng, today, 700))
        Exemplar.objects.filter(pk=exemplar.pk).update(registered_on=registered, year=registered.year)
        exemplar.refresh_from_db()
        roll = rng.random()
        if roll < 0.15:
            bar.update(1)
            continue  # stays a draft
        exemplar = services.submit(actor=admin, exemplar=exemplar)
        if roll < 0.25:
            bar.update(1)
            continue
        evaluation = services.open_evaluation(actor=admin, exemplar=exemplar, judge_ids=[judge.pk])
        good = roll < 0.85
        scores = {
            c.pk: (
                c.max_score * Decimal(rng.randint(75, 100) if good else rng.randint(30, 60)) / 100
            ).quantize(Decimal("0.5"))
            for c in evaluation.criteria_set.criteria.all()
        }
        services.score_exemplar(actor=judge, exemplar=exemplar, scores=scores)
        if roll < 0.32:
            bar.update(1)
            continue  # still under evaluation
        if not good:
            services.refuse_recognition(
                actor=admin, exemplar=exemplar, reason="Kết quả chưa rõ, chưa bền vững."
            )
            bar.update(1)
            continue
        decided = min(today, registered + dt.timedelta(days=rng.randint(30, 120)))
        level = rng.choices(
            [RecognitionLevel.COMMUNE, RecognitionLevel.PROVINCE, RecognitionLevel.CENTRAL], weights=[6, 3, 1]
        )[0]
        award = "giay_khen" if level == RecognitionLevel.COMMUNE else "bang_khen"
        exemplar = services.recognise(
            actor=admin,
            exemplar=exemplar,
            level=level,
            decision_number=f"{rng.randint(10, 999)}/QĐ-UBND",
            decision_date=decided,
            award=award,
            award_body=naming.official_title(
                unit if award == "giay_khen" or unit.parent is None or unit.level < 2 else unit.parent,
                with_name=True,
            ),
        )
        if rng.random() < 0.08:
            services.retire(actor=admin, exemplar=exemplar, reason="Mô hình không còn duy trì hoạt động.")
        else:
            recognised.append(exemplar)
        bar.update(1)
    bar.close()
    _replications(rng, admin, recognised, communes, today)
    _contest(rng, admin, ctx, recognised)


def _replications(
    rng: random.Random, admin: Any, recognised: list[Exemplar], communes: list[AdminUnit], today: dt.date
) -> None:
    for exemplar in recognised:
        others = [c for c in communes if c.pk != exemplar.unit_id]
        decided = exemplar.decision_date or today
        for unit in rng.sample(others, k=min(len(others), rng.randint(0, 5))):
            span = max(0, (today - decided).days)
            services.replicate(
                actor=admin,
                exemplar=exemplar,
                unit=unit,
                adopted_on=decided + dt.timedelta(days=rng.randint(0, span)),
                note="Học tập kinh nghiệm, áp dụng tại địa phương.",
                is_demo=True,
            )


def _contest(rng: random.Random, admin: Any, ctx: DemoContext, recognised: list[Exemplar]) -> None:
    if Contest.objects.filter(is_demo=True).exists():
        return
    province: AdminUnit = ctx.data["key_units"]["province"]
    contest = services.create_contest(
        actor=admin,
        unit=province,
        name=f"Hội thi “Dân vận khéo” {province.name} năm {clock.today().year}",
        year=clock.today().year,
        description="Mỗi xã, phường cử một mô hình tiêu biểu dự thi.",
        criteria=[
            services.CriterionInput("Nội dung, tính sáng tạo của mô hình", Decimal(40)),
            services.CriterionInput("Hiệu quả, kết quả đo đếm được", Decimal(40)),
            services.CriterionInput("Hình thức trình bày", Decimal(20)),
        ],
        is_demo=True,
    )
    services.add_contest_judge(actor=admin, contest=contest, user=admin)
    first_round = contest.rounds.first()
    assert first_round is not None
    in_province = [e for e in recognised if province.contains(e.unit)][:6]
    for exemplar in in_province:
        entry = services.add_contest_entry(
            actor=admin, round=first_round, unit=exemplar.unit, title=exemplar.name, exemplar=exemplar
        )
        services.score_contest_entry(
            actor=admin,
            entry=entry,
            scores={
                c.pk: Decimal(rng.randint(int(c.max_score) // 2, int(c.max_score)))
                for c in contest.criteria.all()
            },
        )
    if in_province:
        services.publish_contest(actor=admin, contest=contest)


register_demo("exemplars", 40, load)
