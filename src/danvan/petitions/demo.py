"""Demo petitions across the demo communes, in every state (marked `is_demo`, idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import clock
from danvan.core.registry import DemoContext, register_demo
from danvan.petitions import services
from danvan.petitions.models import Kind, Petition, State

PER_COMMUNE = {"small": 8, "province": 3, "national": 1}

SAMPLES: list[dict[str, str]] = [
    {
        "kind": "feedback",
        "title": "Đường liên thôn xuống cấp nghiêm trọng",
        "content": "Đoạn đường bê tông liên thôn dài khoảng 2 km bị sụt lún, nhiều ổ gà, mùa mưa xe máy đi lại rất nguy hiểm. Đề nghị xã sớm sửa chữa.",
    },
    {
        "kind": "proposal",
        "title": "Đề nghị lắp đèn chiếu sáng đường thôn",
        "content": "Tuyến đường từ nhà văn hóa thôn ra quốc lộ chưa có đèn chiếu sáng, buổi tối học sinh đi học về không an toàn. Kiến nghị xã lắp đèn năng lượng mặt trời.",
    },
    {
        "kind": "complaint",
        "title": "Khiếu nại quyết định thu hồi đất",
        "content": "Gia đình tôi không đồng ý với mức bồi thường khi thu hồi đất nông nghiệp thửa số 215 tờ bản đồ số 8 để làm đường, giá bồi thường thấp hơn giá thị trường.",
        "decision_complained": "Quyết định thu hồi đất số 125/QĐ-UBND",
    },
    {
        "kind": "denunciation",
        "title": "Tố cáo cán bộ địa chính nhận tiền",
        "content": "Cán bộ địa chính xã yêu cầu người dân nộp thêm tiền ngoài quy định mới làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        "accused": "Cán bộ địa chính xã",
        "accused_act": "Nhận tiền ngoài quy định khi giải quyết thủ tục đất đai",
    },
    {
        "kind": "feedback",
        "title": "Cơ sở chăn nuôi gây ô nhiễm",
        "content": "Trang trại nuôi lợn gần khu dân cư xả nước thải chưa qua xử lý ra mương, mùi hôi thối ảnh hưởng sức khỏe người dân xung quanh.",
    },
    {
        "kind": "proposal",
        "title": "Đề nghị xét trợ cấp cho hộ nghèo",
        "content": "Gia đình bà Hoàng Thị Nhung thuộc diện hộ nghèo, người già neo đơn, nhưng chưa được xét hưởng trợ cấp xã hội hằng tháng. Đề nghị xã xem xét.",
    },
    {
        "kind": "feedback",
        "title": "Trạm y tế thiếu thuốc",
        "content": "Trạm y tế xã thường xuyên thiếu thuốc điều trị bệnh mãn tính theo bảo hiểm y tế, người bệnh phải mua thuốc bên ngoài.",
    },
    {
        "kind": "complaint",
        "title": "Khiếu nại việc xét tuyển giáo viên",
        "content": "Tôi khiếu nại kết quả xét tuyển viên chức giáo viên tiểu học năm nay do việc chấm điểm hồ sơ không công khai, minh bạch.",
        "decision_complained": "Thông báo kết quả xét tuyển viên chức",
    },
]
NAMES = ["Nông Văn Dũng", "Lý Thị Hoa", "Hoàng Văn Sơn", "Vi Thị Thu", "Lương Văn Minh", "Triệu Thị Lan"]
TARGETS = [
    State.RECEIVED,
    State.ACCEPTED,
    State.IN_PROGRESS,
    State.RESOLVED,
    State.CLOSED,
    State.REFUSED,
    State.TRANSFERRED,
    State.WITHDRAWN,
]


def _drive(petition: Petition, target: str, actor: Any, other_unit: Any) -> None:
    if target == State.RECEIVED:
        return
    if target == State.REFUSED:
        services.refuse(
            actor=actor,
            petition=petition,
            reason="Đơn không thuộc thẩm quyền giải quyết (Điều 11 Luật Khiếu nại).",
        )
        return
    if target == State.TRANSFERRED:
        services.transfer(
            actor=actor, petition=petition, to_unit=other_unit, reason="Thuộc thẩm quyền đơn vị khác."
        )
        return
    if target == State.WITHDRAWN:
        services.withdraw(actor=actor, petition=petition, reason="Người gửi có đơn xin rút.")
        return
    petition = services.accept(actor=actor, petition=petition)
    if target == State.ACCEPTED:
        return
    petition = services.start(actor=actor, petition=petition)
    if target == State.IN_PROGRESS:
        return
    petition = services.resolve(
        actor=actor,
        petition=petition,
        answer="Đã kiểm tra thực tế và giải quyết theo quy định; "
        "kết quả đã thông báo bằng văn bản cho người gửi đơn.",
        decision_ref="Văn bản trả lời số 45/UBND",
        answer_public=True,
    )
    if target == State.CLOSED:
        petition = services.close(actor=actor, petition=petition)


def _boundary_cases(commune: Any, actor: Any, admin: Any, other: Any, rng: Any) -> None:
    """Petitions that cross every boundary a figure can get wrong (issue #15): received at 23:30 on 30/12
    last year (Vietnam time; 16:30 UTC) and resolved in January; overdue and then resolved late; overdue
    and still open (received at 00:20, the previous day in UTC); transferred to another commune, its new
    deadline passed."""
    today = clock.today()
    now = clock.now()
    new_year = dt.date(today.year, 1, 1)
    cases = [
        # (received at, target state, due date, resolved at, on time)
        (clock.start_of_day(new_year - dt.timedelta(days=2)) + dt.timedelta(hours=23, minutes=30), State.RESOLVED,
         None, min(clock.start_of_day(new_year + dt.timedelta(days=2)) + dt.timedelta(hours=9), now), True),
        (clock.start_of_day(today - dt.timedelta(days=70)) + dt.timedelta(hours=8), State.RESOLVED,
         None, clock.start_of_day(today - dt.timedelta(days=5)) + dt.timedelta(hours=10), False),
        (clock.start_of_day(today - dt.timedelta(days=55)) + dt.timedelta(hours=0, minutes=20), State.ACCEPTED,
         today - dt.timedelta(days=10), None, None),
        (clock.start_of_day(today - dt.timedelta(days=45)) + dt.timedelta(hours=15), State.TRANSFERRED,
         today - dt.timedelta(days=3), None, None),
    ]  # fmt: skip
    for k, (received, target, due, resolved, on_time) in enumerate(cases):
        sample = dict(SAMPLES[k % len(SAMPLES)])
        data = {**sample, "place_code": commune.code, "petitioner_name": rng.choice(NAMES),
                "petitioner_phone": f"09{rng.randint(10000000, 99999999)}",
                "petitioner_address": f"Thôn {rng.randint(1, 12)}, {commune.name}",
                "received_on": clock.local_date(received).strftime("%d/%m/%Y")}  # fmt: skip
        if sample["kind"] == Kind.COMPLAINT:
            data["decision_known_on"] = (clock.local_date(received) - dt.timedelta(days=20)).strftime(
                "%d/%m/%Y"
            )
        with transaction.atomic():
            petition = services.submit_petition(actor=actor, channel="desk", data=data, unit=commune)
            mover = (
                actor if actor is not None and scope_for(actor).has_role(petition.unit, ACT_ROLES) else admin
            )
            if mover is None:
                continue
            _drive(petition, target, mover, other)
            changes: dict[str, Any] = {"is_demo": True, "received_at": received}
            if target == State.RESOLVED:
                changes.update(resolved_at=resolved, resolved_on_time=on_time, due_date=None)
            else:
                changes.update(due_date=due)
            Petition.objects.filter(pk=petition.pk).update(**changes)
            _backdate_steps(petition, clock.local_date(received), target, due, resolved, on_time, commune)


def _backdate_steps(
    petition: Petition,
    received: dt.date,
    target: str,
    due: dt.date | None,
    resolved: dt.datetime | None,
    on_time: bool | None,
    commune: Any,
) -> None:
    """The steps the backdated case went through, so that past periods' open and overdue figures see them:
    resolved on time (due after it was resolved) or late (overdue for weeks first); transferred from
    `commune` after being overdue there for ten days, then due again at the new unit."""
    if target == State.RESOLVED and resolved is not None:
        ended = clock.local_date(resolved)
        step_due = ended + dt.timedelta(days=5) if on_time else ended - dt.timedelta(days=20)
        services.reset_steps(petition, past=[services.PastStep(commune.pk, received, ended, step_due)])
    elif target == State.TRANSFERRED and due is not None:
        moved = received + dt.timedelta(days=25)
        services.reset_steps(
            petition,
            started_on=moved,
            past=[services.PastStep(commune.pk, received, moved, received + dt.timedelta(days=15))],
        )
    else:
        services.reset_steps(petition)


def load(ctx: DemoContext) -> None:
    from danvan.accounts.models import Role, RoleAssignment, User

    communes = ctx.data.get("units", {}).get("communes", [])
    if not communes:
        return
    done = set(Petition.objects.filter(is_demo=True).values_list("place_id", flat=True).distinct())
    admin = User.objects.filter(username="demo-quantri").first()
    users = ctx.data.get("users", {})
    per = PER_COMMUNE.get(ctx.size, 1)
    bar = ctx.progress("Đơn thư mẫu", len(communes) * per)
    for i, commune in enumerate(communes):
        if commune.pk in done:
            bar.update(per)
            continue
        officer = (
            RoleAssignment.objects.filter(unit=commune, role__in=[Role.OFFICER, Role.UNIT_HEAD])
            .select_related("user")
            .first()
        )
        actor = officer.user if officer else (users.get("demo-quantri") or admin)
        other = communes[(i + 1) % len(communes)]
        for j in range(per):
            sample = dict(SAMPLES[(i + j) % len(SAMPLES)])
            name = ctx.rng.choice(NAMES)
            days_ago = ctx.rng.randint(0, 40)
            data = {
                **sample,
                "place_code": commune.code,
                "petitioner_name": name,
                "petitioner_phone": f"09{ctx.rng.randint(10000000, 99999999)}",
                "petitioner_address": f"Thôn {ctx.rng.randint(1, 12)}, {commune.name}",
                "received_on": (clock.today() - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y"),
            }
            if sample["kind"] == Kind.COMPLAINT:
                data["decision_known_on"] = (clock.today() - dt.timedelta(days=days_ago + 20)).strftime(
                    "%d/%m/%Y"
                )
            if (i + j) % 5 == 0:
                data.update(
                    is_collective="on", signer_count="12", representatives=f"{name}, {ctx.rng.choice(NAMES)}"
                )
            with transaction.atomic():
                petition = services.submit_petition(actor=actor, channel="desk", data=data, unit=commune)
                Petition.objects.filter(pk=petition.pk).update(is_demo=True)
                petition.refresh_from_db()
                mover = (
                    actor
                    if actor is not None and scope_for(actor).has_role(petition.unit, ACT_ROLES)
                    else admin
                )
                if mover is not None:
                    _drive(petition, TARGETS[(i * per + j) % len(TARGETS)], mover, other)
            bar.update(1)
        if i < 3:
            _boundary_cases(commune, actor, admin, other, ctx.rng)
    bar.close()


register_demo("petitions", 20, load)
