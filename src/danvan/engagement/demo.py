"""Demo data (order 30): reception schedules and days, dialogues through every state, questions, answers,
commitments (kept, late, explained, overdue), all written through the services and marked `is_demo`."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core import clock
from danvan.core.registry import DemoContext, register_demo
from danvan.core.workflow import Refused
from danvan.engagement import selectors, services
from danvan.engagement.models import (
    CommitmentState,
    Dialogue,
    DialogueForm,
    HeadRole,
    Mode,
    Receiver,
    ReceptionMatter,
    ReceptionRule,
    ReceptionSchedule,
)
from danvan.territory.models import AdminUnit, Level

HISTORY_DAYS = {"small": 182, "province": 91, "national": 35}
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Lương",
    "Vi",
    "Nông",
    "Triệu",
]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Hồng", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Thảo",
    "Tuấn",
]
TOPICS = [
    (
        "đất đai",
        "Cấp giấy chứng nhận quyền sử dụng đất còn chậm",
        "Đẩy nhanh cấp giấy chứng nhận cho các hộ đã đủ hồ sơ",
    ),
    ("giao thông", "Đường liên thôn xuống cấp, mùa mưa lầy lội", "Sửa chữa đường liên thôn trước mùa mưa"),
    ("môi trường", "Bãi rác tạm gây ô nhiễm khu dân cư", "Di dời bãi rác tạm, bố trí xe thu gom hằng ngày"),
    (
        "chính sách xã hội",
        "Chậm chi trả trợ cấp cho người cao tuổi",
        "Chi trả đủ trợ cấp còn nợ cho người cao tuổi",
    ),
    ("thủy lợi", "Kênh mương nội đồng bị bồi lấp", "Nạo vét kênh mương nội đồng"),
    ("an ninh trật tự", "Tụ tập đua xe ban đêm", "Tăng cường tuần tra ban đêm tại các tuyến đường"),
    ("y tế", "Trạm y tế thiếu thuốc thiết yếu", "Bổ sung thuốc thiết yếu cho trạm y tế"),
    ("giáo dục", "Điểm trường lẻ xuống cấp", "Sửa chữa phòng học điểm trường lẻ"),
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _actor_for(unit: AdminUnit, users: dict[str, Any], key_units: dict[str, AdminUnit]) -> Any:
    if unit.pk == key_units["commune_a"].pk:
        return users["demo-canbo"]
    if unit.pk == key_units["commune_b"].pk:
        return users["demo-canbo2"]
    return users["demo-quantri"]


def _owner_for(
    unit: AdminUnit, users: dict[str, Any], key_units: dict[str, AdminUnit], rng: random.Random
) -> Any:
    if unit.pk == key_units["commune_a"].pk:
        return rng.choice([users["demo-lanhdao"], users["demo-canbo"]])
    if unit.pk == key_units["commune_b"].pk:
        return users["demo-canbo2"]
    # Elsewhere a person of the unit (or of its province), if the demo has one; the national
    # administrator is never the owner of a commune's commitment.
    return selectors.owner_choices(unit).first()


def _schedules(unit: AdminUnit, actor: Any, rng: random.Random) -> None:
    roles = (
        [HeadRole.COMMUNE_CHAIRMAN, HeadRole.COMMUNE_SECRETARY]
        if unit.level == Level.COMMUNE
        else [HeadRole.PROVINCE_CHAIRMAN, HeadRole.PROVINCE_SECRETARY]
    )
    for role in roles:
        weekly = role == HeadRole.COMMUNE_CHAIRMAN
        services.save_schedule(
            actor=actor,
            unit=unit,
            head_role=role,
            head_name=_name(rng) + " (mẫu)",
            weekday=rng.choice([1, 3]) if weekly else None,
            month_days="" if weekly else ("10, 25" if role == HeadRole.COMMUNE_SECRETARY else "15"),
            usual_days="Buổi sáng, từ 7 giờ 30",
            location=f"Trụ sở tiếp công dân {unit.name}",
            mode=Mode.IN_PERSON,
            is_demo=True,
        )


def _receptions(unit: AdminUnit, actor: Any, rng: random.Random, start: dt.date, today: dt.date) -> None:
    rules = list(ReceptionRule.objects.all())
    diligence = rng.choice([1.0, 0.95, 0.85, 0.6])  # some heads fall short
    for schedule in ReceptionSchedule.objects.filter(unit=unit):
        for day in schedule.planned_days(start, today):
            if rng.random() > diligence:
                continue
            rule = next((r for r in rules if r.head_role == schedule.head_role and r.in_force_on(day)), None)
            deputy = rule is not None and rule.delegation_allowed and rng.random() < 0.2
            online = rule is not None and rule.online_allowed and rng.random() < 0.15
            citizens = [
                services.CitizenInput(
                    _name(rng),
                    f"Thôn {rng.randint(1, 12)}, {unit.name}",
                    f"09{rng.randint(10000000, 99999999)}",
                )
                for _ in range(rng.randint(0, 3))
            ]
            session = services.record_reception(
                actor=actor,
                unit=unit,
                head_role=schedule.head_role,
                date=day,
                receiver_name=(_name(rng) + " (phó)") if deputy else schedule.head_name,
                received_by=Receiver.DEPUTY if deputy else Receiver.HEAD,
                mode=Mode.ONLINE if online else Mode.IN_PERSON,
                location=schedule.location,
                start_time=dt.time(7, 30),
                end_time=dt.time(11, 0),
                citizens_count=len(citizens) + rng.randint(0, 4),
                citizens=citizens,
                is_demo=True,
            )
            for citizen in session.citizens.all()[:2]:
                _, text, _ = rng.choice(TOPICS)
                services.add_matter(
                    actor=actor, session=session, summary=f"{text} (dữ liệu mẫu).", citizen=citizen
                )


def _held_dialogue(
    unit: AdminUnit,
    actor: Any,
    owner_pick: Any,
    rng: random.Random,
    day: dt.date,
    today: dt.date,
    keep_one_overdue: bool = False,
) -> None:
    role = HeadRole.COMMUNE_CHAIRMAN if unit.level == Level.COMMUNE else HeadRole.PROVINCE_SECRETARY
    topics = rng.sample(TOPICS, 3)
    dialogue = services.create_dialogue(
        actor=actor,
        unit=unit,
        title=f"Hội nghị đối thoại giữa người đứng đầu và Nhân dân {unit.name} (mẫu)",
        host_role=role,
        host_name=_name(rng),
        host_is_head=rng.random() > 0.05,
        co_chairs="Thường trực Hội đồng nhân dân",
        organisers="Ủy ban Mặt trận Tổ quốc Việt Nam",
        starts_at=_at(day, 8),
        place=f"Hội trường {unit.name}",
        form=rng.choice([DialogueForm.IN_PERSON, DialogueForm.MIXED]),
        content="Đối thoại về " + ", ".join(t[0] for t in topics),
        topics=", ".join(t[0] for t in topics),
        is_demo=True,
    )
    short = rng.random() < 0.1
    dialogue = services.announce_dialogue(
        actor=actor,
        dialogue=dialogue,
        announced_on=day - dt.timedelta(days=4 if short else rng.randint(7, 15)),
        reason="Kiến nghị bức xúc của đông đảo cử tri cần đối thoại sớm" if short else "",
    )
    for _, text, _ in topics[:2]:
        services.submit_question(
            actor=None, dialogue=dialogue, text=f"{text}, đề nghị xã trả lời?", name=_name(rng)
        )
    dialogue = services.hold_dialogue(
        actor=actor, dialogue=dialogue, held_on=day, participants_count=rng.randint(60, 250)
    )
    services.add_question(
        actor=actor, dialogue=dialogue, text=f"{topics[2][1]}, xin lãnh đạo cho biết hướng xử lý."
    )
    for question in dialogue.questions.all():
        services.answer_question(
            actor=actor,
            question=question,
            answer="Ủy ban đã tiếp thu, giao bộ phận chuyên môn kiểm tra và báo cáo kết quả (dữ liệu mẫu).",
            on_spot=rng.random() < 0.8,
        )
    for index, (_, _, promise) in enumerate(topics[: rng.randint(1, 2)]):
        due = day + dt.timedelta(days=rng.choice([30, 60, 90]))
        if keep_one_overdue and index == 0:
            due = day + dt.timedelta(days=max(0, min(30, (today - day).days - 5)))
        owner = owner_pick()
        if owner is None:
            break  # nobody of this unit in the demo to own the promise
        commitment = services.create_commitment(
            actor=actor,
            dialogue=dialogue,
            content=f"{promise} (mẫu)",
            owner=owner,
            due_date=due,
            made_on=day,
            is_demo=True,
        )
        fate = 0.99 if keep_one_overdue and index == 0 else rng.random()
        if due < today:
            if fate < 0.6:
                services.follow_up_commitment(
                    actor=actor,
                    commitment=commitment,
                    state=CommitmentState.DONE,
                    done_on=due - dt.timedelta(days=rng.randint(0, 10)),
                    note="Đã hoàn thành.",
                )
            elif fate < 0.75:
                services.follow_up_commitment(
                    actor=actor,
                    commitment=commitment,
                    state=CommitmentState.DONE,
                    done_on=min(today, due + dt.timedelta(days=rng.randint(3, 20))),
                    note="Hoàn thành muộn.",
                )
            elif fate < 0.85:
                services.follow_up_commitment(
                    actor=actor,
                    commitment=commitment,
                    state=CommitmentState.EXPLAINED,
                    note="Chưa bố trí được kinh phí, đã giải trình với cử tri.",
                )
            # else: left open, overdue
        elif fate < 0.5:
            services.follow_up_commitment(
                actor=actor, commitment=commitment, state=CommitmentState.IN_PROGRESS
            )
    published = min(today, day + dt.timedelta(days=rng.choice([2, 5, 8, 14])))
    services.publish_results(
        actor=actor,
        dialogue=dialogue,
        results_summary="Hội nghị đã tiếp nhận và trả lời các ý kiến; các cam kết được công khai để Nhân dân giám sát.",
        published_on=published,
    )


def _upcoming_dialogue(
    unit: AdminUnit, actor: Any, rng: random.Random, today: dt.date, days_ahead: int
) -> None:
    dialogue = services.create_dialogue(
        actor=actor,
        unit=unit,
        title=f"Đối thoại về chỉnh trang đô thị và môi trường — {unit.name} (mẫu)",
        host_role=HeadRole.COMMUNE_CHAIRMAN,
        host_name=_name(rng),
        co_chairs="Thường trực Hội đồng nhân dân",
        organisers="Ủy ban Mặt trận Tổ quốc Việt Nam",
        starts_at=_at(today + dt.timedelta(days=days_ahead), 14),
        place=f"Nhà văn hóa {unit.name}",
        form=DialogueForm.MIXED,
        content="Lấy ý kiến Nhân dân về thu gom rác thải và chỉnh trang các tuyến đường.",
        topics="môi trường, giao thông",
        is_demo=True,
    )
    short = days_ahead < services.ANNOUNCE_MIN_DAYS
    dialogue = services.announce_dialogue(
        actor=actor, dialogue=dialogue, reason="Sự cố môi trường cần đối thoại ngay" if short else ""
    )
    services.submit_question(
        actor=None, dialogue=dialogue, text="Khi nào xã bố trí xe thu gom rác cho thôn 3?", name=_name(rng)
    )


def _other_states(unit: AdminUnit, actor: Any, rng: random.Random, today: dt.date) -> None:
    """A planned dialogue, one held and awaiting its results, one cancelled."""
    base = {
        "actor": actor,
        "unit": unit,
        "host_role": HeadRole.PROVINCE_SECRETARY,
        "host_name": _name(rng),
        "co_chairs": "Thường trực Hội đồng nhân dân tỉnh",
        "organisers": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "place": f"Hội trường {unit.name}",
        "content": "Đối thoại với đoàn viên, hội viên về việc làm và an sinh xã hội",
        "is_demo": True,
    }
    services.create_dialogue(
        title="Đối thoại với thanh niên (dự kiến, mẫu)",
        starts_at=_at(today + dt.timedelta(days=45), 8),
        **base,
    )
    held = services.create_dialogue(
        title="Đối thoại với nông dân (mẫu)", starts_at=_at(today - dt.timedelta(days=3), 8), **base
    )
    held = services.announce_dialogue(actor=actor, dialogue=held, announced_on=today - dt.timedelta(days=12))
    services.hold_dialogue(
        actor=actor, dialogue=held, held_on=today - dt.timedelta(days=3), participants_count=320
    )
    cancelled = services.create_dialogue(
        title="Đối thoại với tiểu thương chợ (mẫu)", starts_at=_at(today + dt.timedelta(days=20), 8), **base
    )
    services.cancel_dialogue(actor=actor, dialogue=cancelled, reason="Trùng lịch kỳ họp Hội đồng nhân dân")


def _matter_to_petition(unit: AdminUnit, actor: Any) -> None:
    """One matter per unit goes on as a petition (the one-step conversion)."""
    from danvan.engagement import petition_link

    matter = ReceptionMatter.objects.filter(unit=unit, citizen__isnull=False, petition__isnull=True).first()
    if matter is None or not petition_link.available():
        return
    try:
        with transaction.atomic():
            petition_link.matter_to_petition(actor=actor, matter=matter)
    except Refused:
        return  # e.g. the petitions module refuses it: the demo goes on without this link


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = clock.today()
    units: dict[str, list[AdminUnit]] = ctx.data["units"]
    key_units: dict[str, AdminUnit] = ctx.data["key_units"]
    users: dict[str, Any] = ctx.data["users"]
    done = set(Dialogue.objects.filter(is_demo=True).values_list("unit_id", flat=True))
    done |= set(ReceptionSchedule.objects.filter(is_demo=True).values_list("unit_id", flat=True))
    targets = [u for u in units["provinces"] + units["communes"] if u.pk not in done]
    history_start = today - dt.timedelta(days=HISTORY_DAYS.get(ctx.size, 35))
    bar = ctx.progress("Tiếp công dân và đối thoại", len(targets))
    for unit in targets:
        with transaction.atomic():  # a unit's demo data is written whole or not at all
            _load_unit(unit, users, key_units, rng, history_start, today)
        bar.update(1)
    bar.close()


def _load_unit(
    unit: AdminUnit,
    users: dict[str, Any],
    key_units: dict[str, AdminUnit],
    rng: random.Random,
    history_start: dt.date,
    today: dt.date,
) -> None:
    actor = _actor_for(unit, users, key_units)
    _schedules(unit, actor, rng)
    _receptions(unit, actor, rng, history_start, today)
    key = unit.pk in (key_units["commune_a"].pk, key_units["commune_b"].pk)
    if key or rng.random() < 0.75:
        day = today - dt.timedelta(days=rng.randint(40, max(41, (today - dt.date(today.year, 1, 1)).days)))
        _held_dialogue(
            unit,
            actor,
            lambda u=unit: _owner_for(u, users, key_units, rng),
            rng,
            day,
            today,
            keep_one_overdue=key,
        )
    _matter_to_petition(unit, actor)
    if unit.pk == key_units["province"].pk:
        _other_states(unit, actor, rng, today)
    if unit.pk == key_units["commune_a"].pk:
        _upcoming_dialogue(unit, actor, rng, today, 12)
    if unit.pk == key_units["commune_b"].pk:
        _upcoming_dialogue(unit, actor, rng, today, 4)


register_demo("engagement", 30, load)
