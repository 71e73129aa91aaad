"""Writes for accounts and organisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.models import Organisation, OrganisationKind, Role, RoleAssignment, SavedFilter, User
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.territory import naming
from danvan.territory.models import AdminUnit

# The bodies every unit has, named by the unit's type (territory.naming): "UBND phường Đông Kinh",
# "Ban Dân vận Tỉnh ủy Lạng Sơn", "Thanh tra tỉnh Lạng Sơn".
DEFAULT_ORGANISATIONS: dict[int, list[tuple[OrganisationKind, Callable[[AdminUnit], str]]]] = {
    0: [
        (OrganisationKind.BAN_DAN_VAN, lambda u: naming.body_name(u, "ban_dan_van")),
        (OrganisationKind.MTTQ, lambda u: naming.body_name(u, "mttq")),
    ],
    1: [
        (OrganisationKind.BAN_DAN_VAN, lambda u: naming.body_name(u, "ban_dan_van", full=True)),
        (OrganisationKind.UBND, lambda u: naming.body_name(u, "ubnd")),
        (OrganisationKind.MTTQ, lambda u: naming.body_name(u, "mttq")),
        (OrganisationKind.THANH_TRA, lambda u: naming.body_name(u, "thanh_tra")),
    ],
    2: [
        (OrganisationKind.CAP_UY, lambda u: naming.body_name(u, "cap_uy")),
        (OrganisationKind.UBND, lambda u: naming.body_name(u, "ubnd")),
        (OrganisationKind.MTTQ, lambda u: naming.body_name(u, "mttq")),
        (OrganisationKind.HOI_NONG_DAN, lambda u: f"Hội Nông dân {naming.unit_name(u)}"),
        (OrganisationKind.HOI_PHU_NU, lambda u: f"Hội Liên hiệp Phụ nữ {naming.unit_name(u)}"),
        (OrganisationKind.DOAN_THANH_NIEN, lambda u: f"Đoàn Thanh niên {naming.unit_name(u)}"),
        (OrganisationKind.HOI_CCB, lambda u: f"Hội Cựu chiến binh {naming.unit_name(u)}"),
    ],
}


def ensure_default_organisations(*, unit: AdminUnit, is_demo: bool = False) -> list[Organisation]:
    orgs = []
    for kind, name_of in DEFAULT_ORGANISATIONS[unit.level]:
        org = Organisation.objects.filter(unit=unit, kind=kind).order_by("pk").first()
        if org is None:
            org = Organisation.objects.create(unit=unit, kind=kind, name=name_of(unit), is_demo=is_demo)
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


MAX_SAVED_FILTERS = 30  # per person and list


class SavedFilterError(ValueError):
    """A saved filter that cannot be kept, with a Vietnamese message."""


@transaction.atomic
def save_filter(*, user: Any, list_name: str, name: str, query: str) -> SavedFilter:
    """Keep (or replace, under the same name) a list's filters for `user` only."""
    from urllib.parse import parse_qsl, urlencode

    from danvan.core import clock

    name = " ".join(name.split())[:80]
    if not name:
        raise SavedFilterError(_("Hãy đặt tên cho bộ lọc."))
    # Only the filters themselves: the page number is not a filter.
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False) if k != "page"]
    query = urlencode(pairs)[:2000]
    existing = SavedFilter.objects.filter(user=user, list_name=list_name, name=name).first()
    if existing is not None:
        existing.query = query
        existing.save(update_fields=["query"])
        return existing
    if SavedFilter.objects.filter(user=user, list_name=list_name).count() >= MAX_SAVED_FILTERS:
        raise SavedFilterError(
            _("Mỗi danh sách giữ tối đa %(MAX_SAVED_FILTERS)s bộ lọc: hãy xóa bớt bộ lọc cũ.")
            % {"MAX_SAVED_FILTERS": MAX_SAVED_FILTERS}
        )
    return SavedFilter.objects.create(
        user=user, list_name=list_name, name=name, query=query, created_at=clock.now()
    )


def delete_filter(*, user: Any, pk: int) -> None:
    """Delete one of `user`'s own saved filters (someone else's is not found)."""
    SavedFilter.objects.filter(user=user, pk=pk).delete()
