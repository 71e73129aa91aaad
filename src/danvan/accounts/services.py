"""Writes for accounts and organisations."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danvan.accounts.models import Organisation, OrganisationKind, Role, RoleAssignment, User
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.territory.models import AdminUnit

DEFAULT_ORGANISATIONS = {
    0: [
        (OrganisationKind.BAN_DAN_VAN, "Ban Dân vận Trung ương"),
        (OrganisationKind.MTTQ, "Ủy ban Trung ương MTTQ Việt Nam"),
    ],
    1: [
        (OrganisationKind.BAN_DAN_VAN, "Ban Tuyên giáo và Dân vận Tỉnh ủy {name}"),
        (OrganisationKind.UBND, "UBND {name}"),
        (OrganisationKind.MTTQ, "Ủy ban MTTQ Việt Nam {name}"),
        (OrganisationKind.THANH_TRA, "Thanh tra {name}"),
    ],
    2: [
        (OrganisationKind.CAP_UY, "Đảng ủy {name}"),
        (OrganisationKind.UBND, "UBND {name}"),
        (OrganisationKind.MTTQ, "Ủy ban MTTQ Việt Nam {name}"),
        (OrganisationKind.HOI_NONG_DAN, "Hội Nông dân {name}"),
        (OrganisationKind.HOI_PHU_NU, "Hội Liên hiệp Phụ nữ {name}"),
        (OrganisationKind.DOAN_THANH_NIEN, "Đoàn Thanh niên {name}"),
        (OrganisationKind.HOI_CCB, "Hội Cựu chiến binh {name}"),
    ],
}


def ensure_default_organisations(*, unit: AdminUnit, is_demo: bool = False) -> list[Organisation]:
    orgs = []
    for kind, pattern in DEFAULT_ORGANISATIONS[unit.level]:
        org, _ = Organisation.objects.get_or_create(
            unit=unit, kind=kind, name=pattern.format(name=unit.name), defaults={"is_demo": is_demo}
        )
        orgs.append(org)
    return orgs


@transaction.atomic
def create_account(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str,
    unit: AdminUnit,
    role: Role,
    organisation: Organisation | None = None,
    title: str = "",
    is_demo: bool = False,
) -> User:
    user = User(username=username, full_name=full_name, title=title, is_demo=is_demo)
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN and unit.level == 0
    user.set_password(password)
    user.save()
    RoleAssignment.objects.create(user=user, unit=unit, organisation=organisation, role=role)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=user,
        unit=unit,
        summary=f"Tạo tài khoản {username} ({role.label})",
        changes={"username": username, "role": str(role), "unit": unit.code},
    )
    return user


@transaction.atomic
def grant_role(*, actor: Any, user: User, unit: AdminUnit, role: Role) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            unit=unit,
            summary=f"Cấp vai trò {role.label} tại {unit.name}",
            changes={"role": [None, str(role)], "unit": unit.code},
        )
    return assignment
