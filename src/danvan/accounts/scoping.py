"""The one place that decides which units' records a user may see and act on.

Every list, detail, export and API endpoint filters through `scope_for(request.user)`:

    scope = scope_for(request.user)
    petitions = scope.filter(Petition.objects.all())            # records of the user's subtrees
    petition = scope.get_or_404(Petition.objects.all(), pk=pk)    # 404 outside them
    scope.require(unit, ACT_ROLES)                                # 403 unless a role reaches `unit`
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.territory.models import AdminUnit, subtree_q

M = TypeVar("M", bound=Model)

ACT_ROLES = frozenset({Role.OFFICER, Role.UNIT_HEAD, Role.ADMIN})
HEAD_ROLES = frozenset({Role.UNIT_HEAD, Role.ADMIN})
# A public-opinion collaborator files situation reports and answers polls; it reads no other module's records.
READ_ROLES = frozenset(Role) - {Role.COLLABORATOR}


@dataclass(frozen=True)
class Grant:
    path: str
    role: str
    unit_id: int


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    is_admin: bool
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_staff_member(self) -> bool:
        return self.is_admin or any(g.role in READ_ROLES for g in self.grants)

    @property
    def is_collaborator(self) -> bool:
        """A public-opinion collaborator (and nothing more): the situation module's own pages only."""
        return bool(self.grants) and not self.is_staff_member

    def paths(self, roles: Iterable[str] = READ_ROLES) -> list[str]:
        wanted = set(roles)
        paths = sorted({g.path for g in self.grants if g.role in wanted})
        # drop paths already covered by a shorter one
        return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]

    def unit_q(self, field: str = "unit", roles: Iterable[str] = READ_ROLES) -> Q:
        """A Q over `field` (a FK to AdminUnit) limited to the user's subtrees."""
        if self.is_admin:
            return Q()
        paths = self.paths(roles)
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for path in paths:
            q |= subtree_q(path, f"{field}__path")
        return q

    def filter(
        self, queryset: QuerySet[M], field: str = "unit", roles: Iterable[str] = READ_ROLES
    ) -> QuerySet[M]:
        if self.is_admin:
            return queryset
        paths = self.paths(roles)
        if not paths:
            return queryset.none()
        unit_ids = AdminUnit.objects.filter(_paths_q(paths)).values("id")
        return queryset.filter(**{f"{field}__in": unit_ids})

    def units(self, roles: Iterable[str] = READ_ROLES) -> QuerySet[AdminUnit]:
        if self.is_admin:
            return AdminUnit.objects.all()
        paths = self.paths(roles)
        return AdminUnit.objects.filter(_paths_q(paths)) if paths else AdminUnit.objects.none()

    def can_see(self, unit: AdminUnit | None, roles: Iterable[str] = READ_ROLES) -> bool:
        if self.is_admin:
            return True
        if unit is None:
            return False
        return any(unit.path.startswith(p) for p in self.paths(roles))

    def has_role(self, unit: AdminUnit | None, roles: Iterable[str]) -> bool:
        return self.can_see(unit, roles)

    def require(self, unit: AdminUnit | None, roles: Iterable[str] = ACT_ROLES) -> None:
        if not self.has_role(unit, roles):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này tại đơn vị này."))

    def get_or_404(self, queryset: QuerySet[M], field: str = "unit", **lookup: Any) -> M:
        obj = self.filter(queryset, field).filter(**lookup).first()
        if obj is None:
            raise Http404(_("Không tìm thấy bản ghi trong phạm vi của bạn."))
        return obj

    def home_unit(self) -> AdminUnit | None:
        """The highest unit the user is assigned to (for default filters and dashboards)."""
        if not self.grants:
            return AdminUnit.objects.filter(level=0).first() if self.is_admin else None
        grant = min(self.grants, key=lambda g: (g.path.count("/"), g.path))
        return AdminUnit.objects.filter(pk=grant.unit_id).first()


def _paths_q(paths: list[str]) -> Q:
    q = Q()
    for path in paths:
        q |= subtree_q(path)
    return q


ANONYMOUS = Scope(user_id=None, is_admin=False)


def scope_for(user: Any) -> Scope:
    """The user's scope, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_danvan_scope", None)
    if isinstance(cached, Scope):
        return cached
    grants = tuple(
        Grant(path=path, role=role, unit_id=unit_id)
        for path, role, unit_id in user.roles.values_list("unit__path", "role", "unit_id")
    )
    is_admin = bool(user.is_superuser) or any(g.role == Role.ADMIN and g.path.count("/") == 1 for g in grants)
    scope = Scope(user_id=user.pk, is_admin=is_admin, grants=grants)
    user._danvan_scope = scope
    return scope
