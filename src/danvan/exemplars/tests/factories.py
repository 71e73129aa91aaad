"""Helpers for the exemplars tests: real service calls, no mocks."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import clock
from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, Field, Kind, Measure
from danvan.territory.models import AdminUnit


def data(**overrides: Any) -> services.ExemplarInput:
    values: dict[str, Any] = {
        "kind": Kind.MODEL,
        "name": "Dân vận khéo trong làm đường giao thông nông thôn ở thôn Nà Lầu",
        "place": "Thôn Nà Lầu",
        "field": Field.ECONOMY,
        "period_start": clock.today() - dt.timedelta(days=400),
        "period_end": None,
        "problem": "Đường vào thôn lầy lội, mùa mưa học sinh không đến trường được",
        "mobilisation": "Cấp ủy họp dân, đảng viên hiến đất trước, công khai đóng góp",
        "supporting_bodies": "Hội Nông dân, Đoàn Thanh niên",
    }
    values.update(overrides)
    return services.ExemplarInput(**values)


RESULTS = [
    services.ResultInput("Đường bê tông làm mới", Decimal("3.5"), Measure.KM),
    services.ResultInput("Hộ hiến đất", Decimal(42), Measure.HOUSEHOLDS),
    services.ResultInput("Nhân dân đóng góp", Decimal(850_000_000), Measure.VND),
]


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def register(actor: Any, unit: AdminUnit, **overrides: Any) -> Exemplar:
    return services.register(
        actor=actor, unit=unit, data=data(**overrides), results=RESULTS, acknowledged_duplicates=True
    )


def council_member(unit: AdminUnit) -> Any:
    """A council member of the unit's province (never the person who registers: separation of duties)."""
    from danvan.accounts.models import RoleAssignment, User

    province = unit if unit.parent_id is None or unit.level <= 1 else unit.parent
    user, created = User.objects.get_or_create(
        username=f"council-{province.code}", defaults={"full_name": f"Hội đồng {province.name}"}
    )
    if created:
        RoleAssignment.objects.create(user=user, unit=province, role="officer")
    return user


def recognised(actor: Any, unit: AdminUnit, judge: Any | None = None, **overrides: Any) -> Exemplar:
    """Register, submit, evaluate (one council member, not the registrant, full marks) and recognise."""
    judge = judge or council_member(unit)
    exemplar = register(actor, unit, **overrides)
    exemplar = services.submit(actor=actor, exemplar=exemplar)
    evaluation = services.open_evaluation(actor=actor, exemplar=exemplar, judge_ids=[judge.pk])
    services.score_exemplar(
        actor=judge,
        exemplar=exemplar,
        scores={c.pk: c.max_score for c in evaluation.criteria_set.criteria.all()},
    )
    return services.recognise(
        actor=actor,
        exemplar=exemplar,
        level="commune",
        decision_number="125/QĐ-UBND",
        decision_date=clock.today(),
        award="giay_khen",
        award_body="Chủ tịch UBND xã",
    )
