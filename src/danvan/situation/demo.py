"""Demo data for situation awareness in the demo communes, every record kind in every state.

A report schedule for the province; per commune reports from the demo collaborator (on time, late,
event-driven; submitted, returned, forwarded) and thirty weeks of signals with a planted rise in one
topic, then the rise detector's run (alerts); hotspots (open from a rise, escalated, closed with a
lesson); polls (a public one open with answers, a collaborators' one closed); a weekly brief (sent).
Rows are marked `is_demo`; a commune that already has demo reports is skipped, so it may run again.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from danvan.core import clock
from danvan.core.registry import DemoContext, register_demo
from danvan.situation import services
from danvan.situation.models import Frequency, ReportKind, RiseAlert, Signal, SituationReport, Source, Topic
from danvan.situation.periods import week_start

COMMUNES = {"small": 4, "province": 12, "national": 24}
SAYINGS = [
    "Bà con lo lắng về tiến độ bồi thường đoạn đường liên xã, mong được công khai phương án.",
    "Nhiều hộ phản ánh nước sinh hoạt có mùi, đề nghị kiểm tra nguồn nước.",
    "Giá phân bón tăng, người trồng lúa băn khoăn về thu nhập vụ tới.",
    "Nhân dân đồng tình với chủ trương làm đường thôn, sẵn sàng đóng góp ngày công.",
]


def _signals(commune: Any, province: Any, topics: list[Topic], rng: random.Random, rise: Topic) -> None:
    today = clock.today()
    last = week_start(today) - dt.timedelta(days=7)
    rows = []
    n = 0
    for w in range(30, -1, -1):
        monday = last - dt.timedelta(days=7 * w)
        for t in topics:
            count = 1 if rng.random() < 0.3 else 0
            if t == rise and w == 0:
                count = 9
            for _ in range(count):
                n += 1
                rows.append(
                    Signal(
                        source=Source.PETITION if rng.random() < 0.6 else Source.DIALOGUE,
                        source_id=10_000_000 + commune.pk * 10_000 + n,
                        page_id=0,
                        code=f"MAU-{commune.code}-{n}",
                        title=f"{t.name}: tín hiệu mẫu",
                        topic=t,
                        unit=commune,
                        province=province,
                        on=monday + dt.timedelta(days=rng.randrange(7)),
                        is_demo=True,
                    )
                )
    Signal.objects.bulk_create(rows, ignore_conflicts=True)


def load(ctx: DemoContext) -> None:
    from danvan.accounts.models import User

    users = ctx.data.get("users", {})
    units = ctx.data.get("units", {})
    key = ctx.data.get("key_units", {})
    communes = [c for c in (key.get("commune_a"), key.get("commune_b")) if c is not None]
    communes += [c for c in units.get("communes", []) if c not in communes]
    communes = communes[: COMMUNES.get(ctx.size, 4)]
    actor = users.get("demo-quantri") or User.objects.filter(is_superuser=True).first()
    if not communes or actor is None:
        return
    collaborator = users.get("demo-congtacvien") or actor
    topics = list(Topic.objects.filter(is_active=True))
    if not topics:
        return
    done = set(SituationReport.objects.filter(is_demo=True).values_list("unit_id", flat=True))
    if all(c.pk in done for c in communes):
        return
    bar = ctx.progress("Nắm tình hình nhân dân mẫu", len(communes))
    today = clock.today()
    for i, commune in enumerate(communes):
        if commune.pk in done:
            bar.update(1)
            continue
        province = commune.parent
        if province is not None and i == 0:
            services.set_schedule(actor=actor, unit=province, frequency=Frequency.MONTHLY, grace_days=5)
        author = collaborator if i == 0 else actor
        by_code = {t.code: t for t in topics}
        land = by_code.get("dat_dai", topics[0])
        env = by_code.get("moi_truong", topics[-1])
        r1 = services.file_report(
            actor=author, unit=commune, kind=ReportKind.PERIODIC, topics=[land], mood="concerned",
            people_say=SAYINGS[0], proposed_action="Tổ chức đối thoại về phương án bồi thường.",
            period_day=today - dt.timedelta(days=40), is_demo=True,
        )  # fmt: skip
        services.forward(actor=actor, report=r1, note="Đã tổng hợp vào báo cáo tháng.")
        r2 = services.file_report(
            actor=author, unit=commune, kind=ReportKind.EVENT, topics=[env], mood="tense",
            people_say=SAYINGS[1], event_on=today - dt.timedelta(days=2), is_demo=True,
        )  # fmt: skip
        services.return_report(actor=actor, report=r2, note="Bổ sung số hộ bị ảnh hưởng.")
        services.file_report(
            actor=author, unit=commune, kind=ReportKind.PERIODIC, topics=[by_code.get("gia_ca_doi_song", land)],
            mood="stable", people_say=SAYINGS[2], period_day=today, is_demo=True,
        )  # fmt: skip
        _signals(commune, province, topics, ctx.rng, env)
        bar.update(1)
    bar.close()
    services.run_detection(today=today)
    alert = RiseAlert.objects.filter(unit__in=communes, state="new").select_related("unit", "topic").first()
    commune = communes[0]
    if alert is not None:
        services.open_hotspot(
            actor=actor, unit=alert.unit, title=f"{alert.topic.name} tại {alert.unit.name}", topic=alert.topic,
            risk="high", summary="Nhiều hộ phản ánh cùng một vấn đề trong tuần; đã cử cán bộ nắm tình hình.",
            alert=alert, is_demo=True,
        )  # fmt: skip
    h = services.open_hotspot(
        actor=actor, unit=commune, title="Tranh chấp ranh giới đất rừng giữa hai thôn", topic=topics[0],
        risk="medium", summary="Hai thôn chưa thống nhất ranh giới; đã hòa giải một lần.", is_demo=True,
    )  # fmt: skip
    services.close_hotspot(actor=actor, hotspot=h, lesson="Đo đạc lại ranh giới có mặt đại diện hai thôn.")
    h = services.open_hotspot(
        actor=actor, unit=commune, title="Khiếu nại đông người về giá bồi thường", topic=topics[0],
        risk="critical", summary="Đoàn khoảng 20 hộ đến trụ sở xã.", is_demo=True,
    )  # fmt: skip
    services.escalate(actor=actor, hotspot=h, reason="Vượt thẩm quyền giải quyết của xã.")
    poll = services.create_poll(
        actor=actor, unit=commune, title="Ý kiến về tuyến đường liên xã", target="public",
        questions=services.parse_questions(
            "[một] Bạn có đồng tình với phương án tuyến đường? | Đồng tình | Chưa đồng tình | Chưa rõ\n"
            "[thang] Mức độ tin tưởng vào việc công khai bồi thường?\n"
            "[tự do] Ý kiến khác của bạn?"
        ),
        is_demo=True,
    )  # fmt: skip
    poll = services.open_poll(actor=actor, poll=poll, closes_on=today + dt.timedelta(days=14))
    questions = list(poll.questions.all())
    for k in range(12):
        services.answer_poll(
            poll=poll, respondent=services.respondent_digest("demo", f"{poll.pk}-{k}"), place=commune,
            answers={questions[0].pk: k % 3, questions[1].pk: 1 + k % 5,
                     questions[2].pk: "Cần công khai giá bồi thường đất" if k % 2 else "Mong sớm làm đường"},
            is_demo=True,
        )  # fmt: skip
    closed = services.create_poll(
        actor=actor, unit=commune, title="Cộng tác viên: tình hình an ninh thôn", target="collaborators",
        questions=services.parse_questions("[một] Tình hình an ninh thôn? | Ổn định | Có phức tạp"), is_demo=True,
    )  # fmt: skip
    closed = services.open_poll(actor=actor, poll=closed, closes_on=today + dt.timedelta(days=7))
    services.close_poll(actor=actor, poll=closed)
    brief = services.draft_brief(actor=actor, unit=commune, week=today - dt.timedelta(days=7), is_demo=True)
    services.send_brief(actor=actor, brief=brief)


register_demo("situation", 55, load)
