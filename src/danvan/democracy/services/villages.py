"""Villages and households: registered by each commune, one at a time or from a CSV/XLSX file."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.text import fold
from danvan.core.workflow import Refused
from danvan.democracy import importing
from danvan.democracy.models import Household, VillageImportJob
from danvan.democracy.rulebook import RULEBOOK
from danvan.territory.models import AdminUnit, Level, Village, VillageKind

KIND_ALIASES = {fold(str(label)): value for value, label in VillageKind.choices} | {
    v: v for v in VillageKind.values
}


def _require_commune(actor: Any, unit: AdminUnit) -> None:
    if unit.level != Level.COMMUNE:
        raise Refused(_("Thôn và hộ gia đình chỉ đăng ký tại một xã, phường, đặc khu."), field="unit")
    RULEBOOK.require(actor, "register", unit)


def _code(value: str, field: str, label: str) -> str:
    code = (value or "").strip()
    if not code:
        raise Refused(_("Hãy nhập %(label)s.") % {"label": label}, field=field)
    if len(code) > 20 or not all(ch.isalnum() or ch in "-_./" for ch in code):
        raise Refused(
            _("%(label)s “%(code)s” không hợp lệ: tối đa 20 ký tự, chỉ gồm chữ, số và - _ . /")
            % {"label": label.capitalize(), "code": code},
            field=field,
        )
    return code


def village_kind(text: str) -> str:
    """'Tổ dân phố', 'to dan pho' or 'to_dan_pho' → 'to_dan_pho'; '' → thôn."""
    key = fold(text or "").strip()
    if not key:
        return VillageKind.THON
    if key not in KIND_ALIASES:
        raise Refused(
            _("Loại “%(kind)s” không hợp lệ: dùng một trong %(kinds)s.")
            % {"kind": text, "kinds": ", ".join(str(label) for _v, label in VillageKind.choices)},
            field="kind",
        )
    return KIND_ALIASES[key]


def _new_village(*, unit: AdminUnit, code: str, name: str, kind: str, is_demo: bool) -> Village:
    code = _code(code, "code", _("mã thôn"))
    name = (name or "").strip()
    if not name:
        raise Refused(_("Hãy nhập tên thôn, tổ dân phố."), field="name")
    if len(name) > 150:
        raise Refused(_("Tên thôn dài quá 150 ký tự."), field="name")
    if Village.objects.filter(unit=unit, code=code).exists():
        raise Refused(_("Mã thôn “%(code)s” đã có ở xã này.") % {"code": code}, field="code")
    return Village.objects.create(
        unit=unit,
        code=code,
        name=name,
        kind=village_kind(kind),
        folded_name=fold(name),
        is_demo=is_demo,
        created_at=clock.now(),
    )


def _new_household(
    *, unit: AdminUnit, village: Village, code: str, representative: str, is_demo: bool
) -> Household:
    if village.unit_id != unit.pk:
        raise Refused(_("Thôn đã chọn không thuộc xã này."), field="village")
    code = _code(code, "code", _("mã hộ"))
    representative = " ".join((representative or "").split())
    if not representative:
        raise Refused(_("Hãy nhập họ tên người đại diện hộ."), field="representative")
    if len(representative) > 150:
        raise Refused(_("Họ tên người đại diện dài quá 150 ký tự."), field="representative")
    if Household.objects.filter(unit=unit, code=code).exists():
        raise Refused(_("Mã hộ “%(code)s” đã có ở xã này.") % {"code": code}, field="code")
    return Household.objects.create(
        unit=unit,
        village=village,
        code=code,
        representative=representative,
        is_demo=is_demo,
        created_at=clock.now(),
    )


def register_village(
    *, actor: Any, unit: AdminUnit, code: str, name: str, kind: str = "", is_demo: bool = False
) -> Village:
    _require_commune(actor, unit)
    with transaction.atomic():
        village = _new_village(unit=unit, code=code, name=name, kind=kind, is_demo=is_demo)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=village,
            unit=unit,
            summary=f"Đăng ký {village.get_kind_display().lower()} {village.name} ({village.code})",
        )
    return village


def register_household(
    *,
    actor: Any,
    unit: AdminUnit,
    village: Village,
    code: str,
    representative: str,
    is_demo: bool = False,
) -> Household:
    _require_commune(actor, unit)
    with transaction.atomic():
        household = _new_household(
            unit=unit, village=village, code=code, representative=representative, is_demo=is_demo
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=household,
            unit=unit,
            summary=f"Đăng ký hộ {household.code} tại {village.name}",
        )
    return household


def import_rows(*, actor: Any, unit: AdminUnit, rows: list[dict[str, str]]) -> dict[str, int]:
    """Register the villages and households of a file, all or nothing (one transaction).

    Each row names a village (`village_code`, with `village_name` and `village_kind` the first time)
    and, optionally, a household (`household_code`, `representative`). A bad row raises `Refused`
    naming the row; nothing is saved then.
    """
    _require_commune(actor, unit)
    villages = {v.code: v for v in Village.objects.filter(unit=unit)}
    created = {"villages": 0, "households": 0}
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            try:
                vcode = _code(row.get("village_code", ""), "village_code", _("mã thôn"))
                village = villages.get(vcode)
                if village is None:
                    village = _new_village(
                        unit=unit,
                        code=vcode,
                        name=row.get("village_name", ""),
                        kind=row.get("village_kind", ""),
                        is_demo=False,
                    )
                    villages[vcode] = village
                    created["villages"] += 1
                if (row.get("household_code") or "").strip():
                    _new_household(
                        unit=unit,
                        village=village,
                        code=row["household_code"],
                        representative=row.get("representative", ""),
                        is_demo=False,
                    )
                    created["households"] += 1
            except Refused as exc:
                raise Refused(
                    _("Dòng %(row)d: %(error)s Không dòng nào được nhập; hãy sửa tệp rồi nhập lại.")
                    % {"row": number, "error": str(exc)}
                ) from exc
        audit.record(
            actor=actor,
            action=AuditAction.IMPORT,
            object_type="democracy.household",
            unit=unit,
            summary=(
                f"Nhập từ tệp: {created['villages']} thôn, {created['households']} hộ gia đình "
                f"({len(rows)} dòng)"
            ),
        )
    return created


# --- background imports (django.tasks: `democracy.tasks`) --------------------------------------------


def queue_import(*, actor: Any, unit: AdminUnit, name: str, data: bytes) -> VillageImportJob:
    """Check who imports where and the file's size, keep it encrypted (`core.jobs.stash`: 0600 in a 0700
    folder) and record a queued job; `tasks.start_import` enqueues it. Raises `Refused` or
    `importing.ImportFileError`."""
    from danvan.core import jobs

    _require_commune(actor, unit)
    importing.check_size(data)
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        importing.check_zip(data)
    path = jobs.stash("democracy-import", data)
    return VillageImportJob.objects.create(
        unit=unit, actor=actor, file_name=(name or "tep")[:200], stored_path=path, created_at=clock.now()
    )


def run_import_job(job_id: int) -> VillageImportJob:
    """The task's work (`core.jobs.run`): read the stored file, import it all or nothing (one transaction),
    record the outcome, delete the file."""
    from danvan.core import jobs

    def work(job: VillageImportJob) -> dict[str, Any]:
        try:
            rows = importing.read_rows(job.file_name, jobs.unstash(job.stored_path))
            created = import_rows(actor=job.actor, unit=job.unit, rows=rows)
        except (importing.ImportFileError, Refused) as exc:
            raise jobs.JobFailed(str(exc)) from exc
        finally:
            jobs.discard(job.stored_path)
            VillageImportJob.objects.filter(pk=job.pk).update(stored_path="")
        return {"villages": created["villages"], "households": created["households"]}

    jobs.run(
        VillageImportJob,
        job_id,
        work,
        failure=_("Lỗi hệ thống khi nhập tệp; không dòng nào được nhập. Hãy báo quản trị viên."),
    )
    return VillageImportJob.objects.get(pk=job_id)
