"""Demo units, organisations and one account per role (clearly marked `is_demo`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from danvan.accounts.models import Organisation, OrganisationKind, Role, User
from danvan.accounts.services import create_account, ensure_default_organisations
from danvan.core.registry import DemoContext, register_demo
from danvan.territory import naming
from danvan.territory.models import NATION_CODE, AdminUnit, Level

# Lạng Sơn (20) and Cà Mau (96, which absorbed Bạc Liêu in 2025).
DEMO_PROVINCES = ("20", "96")
SMALL_COMMUNES_PER_PROVINCE = 6


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_key: str  # "nation" | "province" | "commune_a" | "commune_b"
    title: str


DEMO_ACCOUNTS = (
    DemoAccount("demo-quantri", "Quản trị hệ thống (mẫu)", Role.ADMIN, "nation", "Quản trị viên"),
    DemoAccount(
        "demo-trunguong",
        "Nguyễn Văn Trung (mẫu)",
        Role.SUPERVISOR,
        "nation",
        "Chuyên viên Ban Dân vận Trung ương",
    ),
    DemoAccount(
        "demo-tinh",
        "Hoàng Thị Lan (mẫu)",
        Role.SUPERVISOR,
        "province",
        "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
    ),
    # Acting at the province: the competent unit of denunciations and of matters routed to the province.
    DemoAccount(
        "demo-lanhdaotinh", "Nông Văn Thắng (mẫu)", Role.UNIT_HEAD, "province", "Chánh Thanh tra tỉnh"
    ),
    DemoAccount(
        "demo-canbotinh", "Lộc Thị Hoa (mẫu)", Role.OFFICER, "province", "Thanh tra viên, Thanh tra tỉnh"
    ),
    # Acting at the centre: accepts or returns the provinces' reports, records national conferences.
    DemoAccount(
        "demo-canbotw",
        "Phạm Minh Tuấn (mẫu)",
        Role.OFFICER,
        "nation",
        "Chuyên viên Ban Dân vận Trung ương",
    ),
    DemoAccount("demo-lanhdao", "Lương Văn Hùng (mẫu)", Role.UNIT_HEAD, "commune_a", "Chủ tịch UBND"),
    DemoAccount(
        "demo-canbo", "Vi Thị Mai (mẫu)", Role.OFFICER, "commune_a", "Công chức Văn phòng – Thống kê"
    ),
    DemoAccount(
        "demo-canbo2", "Đinh Văn Tùng (mẫu)", Role.OFFICER, "commune_b", "Công chức Văn phòng – Thống kê"
    ),
    DemoAccount("demo-xacminh", "Trần Minh Đức (mẫu)", Role.VERIFIER, "commune_a", "Thanh tra viên"),
    DemoAccount(
        "demo-congtacvien",
        "Nông Thị Hoa (mẫu)",
        Role.COLLABORATOR,
        "commune_a",
        "Cộng tác viên dư luận xã hội",
    ),
)


def demo_password() -> str:
    """One random password for all demo accounts of this installation, kept in the data folder."""
    path = settings.DATA_DIR / "demo_password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    password = "DanVan-" + secrets.token_urlsafe(9)
    path.touch(mode=0o600)
    path.write_text(password, encoding="utf-8")
    return password


def demo_units(size: str) -> dict[str, list[AdminUnit]]:
    if size == "national":
        provinces = list(AdminUnit.objects.filter(level=Level.PROVINCE))
        communes = list(AdminUnit.objects.filter(level=Level.COMMUNE))
    else:
        provinces = list(AdminUnit.objects.filter(level=Level.PROVINCE, code__in=DEMO_PROVINCES))
        communes = []
        for province in provinces:
            qs = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code")
            communes += list(qs if size == "province" else qs[:SMALL_COMMUNES_PER_PROVINCE])
    return {"nation": [AdminUnit.objects.get(code=NATION_CODE)], "provinces": provinces, "communes": communes}


def load(ctx: DemoContext) -> None:
    units = demo_units(ctx.size)
    ctx.data["units"] = units
    first_province = units["provinces"][0]
    first_communes = [c for c in units["communes"] if c.parent_id == first_province.pk]
    key_units = {
        "nation": units["nation"][0],
        "province": first_province,
        "commune_a": first_communes[0],
        "commune_b": first_communes[1],
    }
    ctx.data["key_units"] = key_units
    all_units = units["nation"] + units["provinces"] + units["communes"]
    bar = ctx.progress("Tổ chức và tài khoản mẫu", len(all_units) + len(DEMO_ACCOUNTS))
    with transaction.atomic():
        existing = set(Organisation.objects.filter(is_demo=True).values_list("unit_id", flat=True))
        for unit in all_units:
            if unit.pk not in existing:
                ensure_default_organisations(unit=unit, is_demo=True)
            bar.update(1)
        password = demo_password()
        users: dict[str, User] = {}
        for account in DEMO_ACCOUNTS:
            user = User.objects.filter(username=account.username).first()
            if user is None:
                unit = key_units[account.unit_key]
                org_kind = OrganisationKind.BAN_DAN_VAN if unit.level < 2 else OrganisationKind.UBND
                user = create_account(
                    actor=None,
                    username=account.username,
                    password=password,
                    full_name=account.full_name,
                    unit=unit,
                    role=account.role,
                    organisation=Organisation.objects.filter(unit=unit, kind=org_kind).first(),
                    # "Chủ tịch UBND" + the commune's type: "Chủ tịch UBND phường" for a phường
                    title=naming.official_title(unit) if account.role == Role.UNIT_HEAD else account.title,
                    is_demo=True,
                )
            users[account.username] = user
            bar.update(1)
    bar.close()
    ctx.data["users"] = users


def demo_logins() -> str:
    lines = ["Tài khoản mẫu (demo) — mật khẩu chung: " + demo_password()]
    for account in DEMO_ACCOUNTS:
        lines.append(f"  {account.username:<16} {account.role.label:<28} {account.full_name}")
    return "\n".join(lines)


register_demo("accounts", 10, load)
