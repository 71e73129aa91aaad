"""Demo data for grassroots democracy across the demo communes, every record kind in every state.

Per commune: villages and households; disclosures (draft, public, late, ended too early, ended);
consultations (draft, open with opinions, closed, answered); community decisions (being prepared,
passed at a meeting, no quorum, sent, recognised with contributions, by ballot, online); village
conventions (draft, posted, adopted, recognised); the People's Inspection Board and an Investment
Supervision Board with recommendations in every state (draft, confirmed, sent, overdue, answered on time
and late); agencies, a school and enterprises with conferences held on time, late, planned and cancelled
and a workplace dialogue. Rows are marked `is_demo`; each part is skipped in a commune that already has
its demo rows, so the loader may run again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import clock
from danvan.core.registry import DemoContext, register_demo
from danvan.democracy import services
from danvan.democracy.models import Household, OversightBoard, Workplace
from danvan.territory.models import Village

COMMUNES = {"small": 6, "province": 20, "national": 40}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAMES = ["Nguyễn Văn An", "Hoàng Thị Bích", "Lò Văn Dũng", "Trần Văn Hải", "Vi Thị Lan", "Nông Văn Minh",
         "Lương Thị Nga", "Hà Văn Phúc", "Đinh Thị Quế", "Mã Văn Sơn", "Chu Thị Thu", "Bế Văn Vinh"]  # fmt: skip


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("van-ban.pdf", PDF, content_type="application/pdf")


def _png() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh-niem-yet.png", PNG, content_type="image/png")


def _villages(actor: Any, commune: Any) -> list[Village]:
    out = []
    for n, (kind, name) in enumerate(
        [("thon", "Thôn Nà Sla"), ("ban", "Bản Khau Cà"), ("to_dan_pho", "Tổ dân phố 3")], 1
    ):
        v = services.register_village(
            actor=actor, unit=commune, code=f"T{n:02d}", name=name, kind=kind, is_demo=True
        )
        for h in range(1, 13):
            services.register_household(
                actor=actor, unit=commune, village=v, code=f"{v.code}-{h:03d}", representative=NAMES[h - 1],
                is_demo=True,
            )  # fmt: skip
        out.append(v)
    return out


def _disclosures(actor: Any, commune: Any) -> None:
    today = clock.today()

    def draft(code: str, title: str, issued: dt.date) -> Any:
        return services.create_disclosure(
            actor=actor, unit=commune, item_code=code, title=title, issued_on=issued, documents=[_pdf()],
            document_ref=f"{commune.code}/QĐ-UBND", is_demo=True,
        )  # fmt: skip

    draft("investment_projects", "Danh mục dự án đầu tư năm nay", today)
    d = draft("budget_estimate", "Dự toán ngân sách xã năm nay", today - dt.timedelta(days=20))
    services.publish(actor=actor, disclosure=d, posted_on=today - dt.timedelta(days=18),
                     channels=["notice_board", "web"], evidence=[_png()])  # fmt: skip
    d = draft(
        "land_recovery", "Phương án bồi thường, hỗ trợ tuyến đường liên xã", today - dt.timedelta(days=25)
    )
    services.publish(actor=actor, disclosure=d, posted_on=today - dt.timedelta(days=5),
                     channels=["notice_board", "loudspeaker"], loudspeaker_days=1, evidence=[_png()])  # fmt: skip
    d = draft("contributions", "Các khoản đóng góp xây dựng đường thôn", today - dt.timedelta(days=40))
    d = services.publish(actor=actor, disclosure=d, posted_on=today - dt.timedelta(days=38),
                         channels=["notice_board", "loudspeaker", "web"], loudspeaker_days=3, evidence=[_png()])  # fmt: skip
    services.end(actor=actor, disclosure=d, ended_on=today - dt.timedelta(days=30))
    d = draft("admin_procedures", "Danh mục thủ tục hành chính cấp xã", today - dt.timedelta(days=60))
    d = services.publish(actor=actor, disclosure=d, posted_on=today - dt.timedelta(days=58),
                         channels=["notice_board", "web"], evidence=[_png()])  # fmt: skip
    services.end(actor=actor, disclosure=d, ended_on=today - dt.timedelta(days=2))


def _consultations(actor: Any, commune: Any) -> None:
    today = clock.today()

    def draft(title: str, matter: str) -> Any:
        return services.create_consultation(
            actor=actor, unit=commune, title=title, matter=matter, is_demo=True,
            summary="Dự thảo gồm các phần dưới đây; đề nghị nhân dân góp ý.",
            parts=["Mục tiêu", "Giải pháp", "Tổ chức thực hiện"],
        )  # fmt: skip

    def opened(c: Any) -> Any:
        return services.open_consultation(actor=actor, consultation=c, opens_on=today,
                                          closes_on=today + dt.timedelta(days=15), channels=["web", "meeting"])  # fmt: skip

    draft("Dự thảo quy chế dân chủ của xã (nháp)", "grassroots_rules")
    c = opened(draft("Dự thảo kế hoạch phát triển kinh tế – xã hội năm sau", "socio_economic_plan"))
    services.submit_comment(
        consultation=c, content="Đề nghị ưu tiên làm đường liên thôn.", part_id=c.parts.first().pk
    )
    services.record_comment(
        actor=actor,
        consultation=c,
        channel="meeting",
        content="Hội nghị thôn đề nghị thêm chỉ tiêu nước sạch.",
    )
    c = opened(draft("Dự thảo quy hoạch khu dân cư mới", "land_use"))
    services.submit_comment(consultation=c, content="Cần bố trí đất tái định cư tại chỗ.")
    services.close_consultation(actor=actor, consultation=c)
    c = opened(draft("Dự thảo đặt tên tổ dân phố", "village_change"))
    a = services.submit_comment(consultation=c, content="Giữ tên cũ của bản.", part_id=c.parts.first().pk)
    b = services.record_comment(
        actor=actor, consultation=c, channel="suggestion_box", content="Đồng ý với dự thảo."
    )
    c = services.close_consultation(actor=actor, consultation=b)
    c = services.respond(actor=actor, consultation=c, comment_id=a.pk, disposition="explained",
                         response="Tên mới theo nghị quyết sáp nhập; tên cũ được ghi trong lịch sử.")  # fmt: skip
    other = c.comments.exclude(pk=a.pk).get()
    c = services.respond(
        actor=actor, consultation=c, comment_id=other.pk, disposition="accepted", response=""
    )
    services.publish_answer(actor=actor, consultation=c, answer="Xã tiếp thu 1 ý kiến, giải trình 1 ý kiến.")


def _decisions(actor: Any, villages: list[Village]) -> None:
    today = clock.today()
    v1, v2, v3 = villages
    committee = ["Nguyễn Văn An", "Hoàng Thị Bích", "Lò Văn Dũng"]
    services.create_decision(actor=actor, village=v1, matter="other", title="Quy định giờ tắt loa truyền thanh",
                             form="meeting", is_demo=True)  # fmt: skip
    d = services.create_decision(actor=actor, village=v1, matter="contributions", form="meeting", is_demo=True,
                                 title="Bê tông hóa 800 m đường thôn, mỗi hộ góp 500.000 đồng")  # fmt: skip
    d = services.record_result(actor=actor, decision=d, held_on=today - dt.timedelta(days=30), attended=11,
                               agree=10, disagree=1, voting_method="hands", committee=committee,
                               minutes="Họp tại nhà văn hóa thôn, 11/12 đại diện hộ dự.")  # fmt: skip
    d = services.send_result(actor=actor, decision=d)
    d = services.recognise(actor=actor, decision=d, reference="12/QĐ-UBND")
    for h in Household.objects.filter(village=v1).order_by("code")[:8]:
        services.record_contribution(actor=actor, decision=d, household=h, amount=500000,
                                     paid_on=today - dt.timedelta(days=10), is_demo=True)  # fmt: skip
    d = services.create_decision(actor=actor, village=v2, matter="other", title="Tổ chức ngày hội đại đoàn kết",
                                 form="meeting", is_demo=True)  # fmt: skip
    services.record_result(actor=actor, decision=d, held_on=today - dt.timedelta(days=7), attended=5, agree=5,
                           disagree=0, voting_method="hands")  # fmt: skip
    d = services.create_decision(actor=actor, village=v2, matter="election", title="Bầu trưởng bản nhiệm kỳ mới",
                                 form="ballot", is_demo=True)  # fmt: skip
    d = services.record_result(actor=actor, decision=d, held_on=today - dt.timedelta(days=3), attended=12,
                               agree=9, disagree=2, invalid=1, committee=committee)  # fmt: skip
    services.send_result(actor=actor, decision=d)
    d = services.create_decision(actor=actor, village=v3, matter="other", title="Lịch vệ sinh môi trường hằng tháng",
                                 form="online", head_and_front_agree=True, social_group_chosen=True,
                                 households_have_means=True, is_demo=True)  # fmt: skip
    services.record_result(actor=actor, decision=d, held_on=today - dt.timedelta(days=1), attended=10, agree=9,
                           disagree=1)  # fmt: skip
    # village conventions in every state
    services.create_convention(
        actor=actor, village=v1, title="Quy ước thôn Nà Sla (sửa đổi)", text="Điều 1. …", is_demo=True
    )
    c = services.create_convention(
        actor=actor, village=v2, title="Hương ước bản Khau Cà", text="Điều 1. …", is_demo=True
    )
    services.post_convention(actor=actor, convention=c, posted_on=today - dt.timedelta(days=5))
    for village, recognise in ((v3, False), (v1, True)):
        c = services.create_convention(actor=actor, village=village, title=f"Quy ước {village.name}",
                                       text="Điều 1. Giữ gìn vệ sinh chung…", is_demo=True)  # fmt: skip
        c = services.post_convention(actor=actor, convention=c, posted_on=today - dt.timedelta(days=45))
        d = services.create_decision(actor=actor, village=village, matter="convention", form="meeting",
                                     title=f"Thông qua quy ước {village.name}", is_demo=True)  # fmt: skip
        d = services.record_result(actor=actor, decision=d, held_on=today - dt.timedelta(days=10), attended=11,
                                   agree=10, disagree=1, voting_method="secret", committee=committee)  # fmt: skip
        d = services.send_result(actor=actor, decision=d)
        c = services.adopt_convention(actor=actor, convention=c, decision=d)
        if recognise:
            services.recognise_convention(actor=actor, convention=c, reference="25/QĐ-UBND")


INSPECTION = [("Nguyễn Văn An", "head"), ("Hoàng Thị Bích", "deputy"), ("Lò Văn Dũng", "member"),
              ("Vi Thị Lan", "member"), ("Nông Văn Minh", "member")]  # fmt: skip


def _oversight(actor: Any, commune: Any) -> None:
    """Both boards, and recommendations in every state: draft, confirmed, sent (in time and overdue), answered
    on time and late."""
    today = clock.today()
    ago = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    inspection = services.elect_board(
        actor=actor, unit=commune, kind="inspection", elected_on=ago(200), is_demo=True,
        election_note="Hội nghị đại biểu nhân dân xã, 45/50 đại biểu dự", members=INSPECTION,
        plan="Kiểm tra thu, chi quỹ phòng chống thiên tai; việc giải quyết thủ tục hành chính.",
        plan_announced_on=ago(190),
    )  # fmt: skip
    investment = services.elect_board(
        actor=actor, unit=commune, kind="investment", elected_on=ago(150), is_demo=True,
        project="Đường bê tông liên thôn Nà Sla – Khau Cà", election_note="Hội nghị thôn Nà Sla, 11/12 hộ dự",
        members=[("Trần Văn Hải", "head"), ("Lương Thị Nga", "deputy"), ("Hà Văn Phúc", "member")],
        plan="Giám sát khối lượng, chất lượng bê tông từng đoạn.", plan_announced_on=ago(145),
    )  # fmt: skip

    def rec(board: Any, finding: str, text: str, confirmed: int | None = None, sent: int | None = None,
            replied: int | None = None) -> None:  # fmt: skip
        r = services.create_recommendation(actor=actor, board=board, finding=finding, text=text, is_demo=True)
        if confirmed is not None:
            r = services.confirm(actor=actor, recommendation=r, confirmed_on=ago(confirmed))
        if sent is not None:
            r = services.send_recommendation(actor=actor, recommendation=r, recipient="UBND xã",
                                             sent_on=ago(sent))  # fmt: skip
        if replied is not None:
            services.record_reply(actor=actor, recommendation=r, replied_on=ago(replied),
                                  reply="UBND xã đã chỉ đạo khắc phục, báo cáo kết quả cho Ban.")  # fmt: skip

    rec(inspection, "Sổ quỹ chưa ghi 2 khoản chi tháng trước.", "Đề nghị bổ sung chứng từ.")
    rec(inspection, "Một hồ sơ đất đai trễ hạn 10 ngày.", "Đề nghị xin lỗi người dân.", confirmed=2)
    rec(inspection, "Niêm yết thủ tục chưa cập nhật.", "Đề nghị cập nhật bảng niêm yết.", confirmed=4, sent=3)
    rec(
        investment,
        "Đoạn km 0+300 bê tông mỏng hơn thiết kế.",
        "Đề nghị chủ đầu tư kiểm định.",
        confirmed=50,
        sent=45,
    )  # overdue
    rec(
        investment, "Chưa có biển báo công trình.", "Đề nghị lắp biển báo.", confirmed=30, sent=28, replied=20
    )
    rec(
        inspection,
        "Chậm chi trả trợ cấp tháng 5.",
        "Đề nghị chi trả ngay.",
        confirmed=90,
        sent=88,
        replied=30,
    )


def _workplaces(actor: Any, commune: Any) -> None:
    """Agencies, a public service unit and enterprises: conferences held on time, late, planned, cancelled;
    an enterprise's dialogue held."""
    today = clock.today()
    this, last = today.year, today.year - 1
    recent = max(dt.date(this, 1, 1), today - dt.timedelta(days=10))
    short = commune.name.split(" ", 1)[-1]

    def register(kind: str, name: str, employees: int) -> Any:
        return services.register_workplace(actor=actor, unit=commune, kind=kind, name=name,
                                           employees=employees, is_demo=True)  # fmt: skip

    def meeting(w: Any, kind: str, year: int, held_on: dt.date | None, cancel: bool = False) -> None:
        m = services.plan_meeting(actor=actor, workplace=w, kind=kind, year=year, planned_on=held_on or today,
                                  is_demo=True)  # fmt: skip
        if held_on is not None:
            services.hold_meeting(actor=actor, meeting=m, held_on=held_on, attendees=max(1, w.employees - 2),
                                  minutes="Thông qua quy chế dân chủ và kế hoạch năm; đối thoại với người đứng đầu.")  # fmt: skip
        elif cancel:
            services.cancel_meeting(actor=actor, meeting=m, reason="Lùi lịch do trùng kỳ họp.")

    agency = register("agency", f"UBND {commune.name}", 28)
    meeting(agency, "conference", last, dt.date(last, 12, 20))
    meeting(agency, "conference", this, recent)
    school = register("public_service", f"Trường Tiểu học {short}", 35)
    meeting(school, "conference", last, dt.date(this, 1, 1))  # last year's, held in January: late
    meeting(school, "conference", this, None)  # planned
    firm = register("enterprise", f"Công ty TNHH May {short}", 140)
    meeting(firm, "conference", this, recent)
    meeting(firm, "dialogue", this, recent)
    other = register("enterprise", f"Hợp tác xã Chè {short}", 20)
    meeting(other, "conference", this, None, cancel=True)  # cancelled: missing this year


def load(ctx: DemoContext) -> None:
    from danvan.accounts.models import User

    units = ctx.data.get("units", {})
    key = ctx.data.get("key_units", {})
    communes = [c for c in (key.get("commune_a"), key.get("commune_b")) if c is not None]
    communes += [c for c in units.get("communes", []) if c not in communes]
    communes = communes[: COMMUNES.get(ctx.size, 6)]
    actor = ctx.data.get("users", {}).get("demo-quantri") or User.objects.filter(is_superuser=True).first()
    if not communes or actor is None:
        return
    done = set(Village.objects.filter(is_demo=True).values_list("unit_id", flat=True))
    boards = set(OversightBoard.objects.filter(is_demo=True).values_list("unit_id", flat=True))
    workplaces = set(Workplace.objects.filter(is_demo=True).values_list("unit_id", flat=True))
    bar = ctx.progress("Dân chủ ở cơ sở mẫu", len(communes))
    for commune in communes:
        if commune.pk not in done:
            villages = _villages(actor, commune)
            _disclosures(actor, commune)
            _consultations(actor, commune)
            _decisions(actor, villages)
        if commune.pk not in boards:
            _oversight(actor, commune)
        if commune.pk not in workplaces:
            _workplaces(actor, commune)
        bar.update(1)
    bar.close()


register_demo("democracy", 50, load)
