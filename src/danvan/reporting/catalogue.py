"""The indicator catalogue: the indicators modules register in code (computed from their records) plus
the indicators units enter by hand (rows of `IndicatorDefinition`, editable by administrators).

A registered indicator wins over a manual definition with the same code: when the petitions module
registers "petitions.received", the seeded manual entry of that code stops being used.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from danvan.reporting import registry
from danvan.reporting.models import AnnualTheme, IndicatorDefinition
from danvan.reporting.registry import Aggregation, Indicator

MODULE_LABELS = {
    "petitions": "Tiếp nhận, giải quyết đơn thư",
    "engagement": "Tiếp công dân, đối thoại",
    "exemplars": "Phong trào thi đua \u201cDân vận khéo\u201d",
    "democracy": "Thực hiện dân chủ ở cơ sở",
    "reporting": "Hội nghị, nhiệm vụ",
    "accounts": "Tổ chức",
    "manual": "Nhập tay",
}

INTEGER_UNITS_EXCLUDED = {"%", "VND", "đồng", "điểm", "tỷ đồng", "triệu đồng"}


@dataclass(frozen=True)
class SeedIndicator:
    code: str
    name: str
    unit: str
    aggregation: Aggregation
    module: str
    definition: str
    order: int
    max_value: float | None = None


# The figures that conference reports quote; entered by hand until the owning module computes them.
SEED_INDICATORS: tuple[SeedIndicator, ...] = (
    SeedIndicator("petitions.received", "Số đơn thư tiếp nhận", "đơn", "sum", "petitions",
                  "Đơn thư (phản ánh, kiến nghị, khiếu nại, tố cáo) tiếp nhận trong kỳ, mọi kênh.", 10),
    SeedIndicator("petitions.resolved", "Số đơn thư đã giải quyết", "đơn", "sum", "petitions",
                  "Đơn thư thuộc thẩm quyền đã giải quyết xong trong kỳ.", 20),
    SeedIndicator("petitions.resolved_on_time", "Tỷ lệ giải quyết đúng hạn", "%", "ratio", "petitions",
                  "Số đơn giải quyết đúng hạn / số đơn đã giải quyết trong kỳ × 100.", 30, 100),
    SeedIndicator("petitions.overdue", "Số đơn thư quá hạn", "đơn", "sum", "petitions",
                  "Đơn thư chưa giải quyết xong khi đã quá hạn luật định tại ngày cuối kỳ.", 40),
    SeedIndicator("petitions.complaints", "Đơn khiếu nại tiếp nhận", "đơn", "sum", "petitions",
                  "Theo loại đơn: khiếu nại.", 50),
    SeedIndicator("petitions.denunciations", "Đơn tố cáo tiếp nhận", "đơn", "sum", "petitions",
                  "Theo loại đơn: tố cáo.", 51),
    SeedIndicator("petitions.land", "Đơn thư lĩnh vực đất đai", "đơn", "sum", "petitions",
                  "Theo lĩnh vực: đất đai.", 60),
    SeedIndicator("engagement.dialogue_communes", "Tỷ lệ xã có người đứng đầu đối thoại trực tiếp", "%",
                  "ratio", "engagement",
                  "Số xã, phường có người đứng đầu cấp ủy, chính quyền đối thoại trực tiếp với Nhân dân "
                  "trong kỳ / tổng số xã, phường × 100.", 10, 100),
    SeedIndicator("engagement.reception_compliance", "Tỷ lệ tiếp công dân định kỳ đúng quy định", "%",
                  "ratio", "engagement",
                  "Số ngày tiếp công dân định kỳ đã thực hiện / số ngày phải tiếp theo Luật Tiếp công dân × 100.",
                  20, 100),
    SeedIndicator("engagement.commitments_kept", "Tỷ lệ cam kết sau đối thoại đã thực hiện", "%", "ratio",
                  "engagement", "Cam kết đến hạn trong kỳ đã thực hiện / cam kết đến hạn × 100.", 30, 100),
    SeedIndicator("exemplars.registered", "Mô hình, điển hình \u201cDân vận khéo\u201d đăng ký", "mô hình",
                  "sum", "exemplars", "Mô hình, điển hình đăng ký xây dựng trong kỳ.", 10),
    SeedIndicator("exemplars.recognised", "Mô hình, điển hình \u201cDân vận khéo\u201d được công nhận",
                  "mô hình", "sum", "exemplars", "Được cấp có thẩm quyền công nhận, khen thưởng trong kỳ.", 20),
    SeedIndicator("exemplars.replicated", "Lượt nhân rộng mô hình", "lượt", "sum", "exemplars",
                  "Số lượt đơn vị khác áp dụng mô hình đã được công nhận.", 30),
)  # fmt: skip

SEED_THEMES: tuple[tuple[int, int, str], ...] = (
    (2018, 2019, "Năm dân vận chính quyền"),
    (2021, 2021, "Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở"),
)


# A seeded manual indicator stops being used once a module registers the computed indicator that replaces it.
SUPERSEDED_BY: dict[str, str] = {
    "petitions.resolved_on_time": "petitions.resolved_on_time_share",
    "petitions.complaints": "petitions.received.complaint",
    "petitions.denunciations": "petitions.received.denunciation",
    "engagement.dialogue_communes": "engagement.dialogue_coverage_communes",
    "engagement.commitments_kept": "engagement.commitments_kept_on_time",
}


def seed_catalogue() -> None:
    """Idempotent: the manual indicators and the annual themes (run after migrate and by the demo)."""
    for seed in SEED_INDICATORS:
        IndicatorDefinition.objects.get_or_create(
            code=seed.code,
            defaults={
                "name": seed.name,
                "definition": seed.definition,
                "unit": seed.unit,
                "aggregation": seed.aggregation,
                "module": seed.module,
                "order": seed.order,
                "max_value": seed.max_value,
                "integer_only": seed.unit not in INTEGER_UNITS_EXCLUDED,
            },
        )
    for year_from, year_to, title in SEED_THEMES:
        AnnualTheme.objects.get_or_create(year_from=year_from, title=title, defaults={"year_to": year_to})


def manual_indicator(row: IndicatorDefinition) -> Indicator:
    return Indicator(
        code=row.code,
        name=row.name,
        unit=row.unit,
        aggregation=row.aggregation,  # type: ignore[arg-type]
        module=row.module,
        definition=row.definition,
        compute=None,
        drilldown=None,
        order=row.order,
        min_value=row.min_value,
        max_value=row.max_value,
    )


def catalogue() -> list[Indicator]:
    """Every indicator in use: registered ones plus active manual definitions not overridden."""
    registered = {i.code: i for i in registry.indicators()}
    out = list(registered.values())
    for row in IndicatorDefinition.objects.filter(is_active=True):
        if row.code not in registered and SUPERSEDED_BY.get(row.code) not in registered:
            out.append(manual_indicator(row))
    return sorted(out, key=lambda i: (i.module, i.order, i.code))


def get(code: str) -> Indicator | None:
    found = registry.get_indicator(code)
    if found is not None:
        return found
    row = IndicatorDefinition.objects.filter(code=code, is_active=True).first()
    return manual_indicator(row) if row is not None else None


def is_integer_only(indicator: Indicator) -> bool:
    if indicator.aggregation == "ratio":
        return False
    row = IndicatorDefinition.objects.filter(code=indicator.code).first()
    if row is not None and indicator.compute is None:
        return row.integer_only
    with translation.override("vi"):  # the unit's own words, whatever the reader's language
        return str(indicator.unit) not in INTEGER_UNITS_EXCLUDED


def module_label(module: str) -> str:
    return MODULE_LABELS.get(module, module)
