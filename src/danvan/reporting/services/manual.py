"""Figures entered by hand for the manual indicators, and targets (chỉ tiêu) given to units."""

from __future__ import annotations

import math
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused
from danvan.reporting import catalogue as cat
from danvan.reporting.models import ManualFigure, Period, PeriodStatus, Target
from danvan.reporting.registry import Indicator
from danvan.reporting.rulebook import RULEBOOK
from danvan.territory.models import AdminUnit


def _number(raw: Any, label: str) -> float:
    if isinstance(raw, bool):
        raise Refused(f"{label} phải là một số.")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw or "").strip().replace(" ", "")
        if not text:
            raise Refused(f"Hãy nhập {label.lower()}.")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,5 (Vietnamese style)
        elif "," in text:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise Refused(f"{label} “{raw}” không phải là số. Nhập số, ví dụ 12 hoặc 85,5.") from None
    if math.isnan(value) or math.isinf(value):
        raise Refused(f"{label} không phải là số hợp lệ.")
    return value


def _check_range(indicator: Indicator, value: float, label: str) -> None:
    if indicator.min_value is not None and value < indicator.min_value:
        raise Refused(
            f"{label} {value:g} nhỏ hơn giá trị nhỏ nhất cho phép ({indicator.min_value:g} {indicator.unit}) "
            f"của chỉ tiêu “{indicator.name}”."
        )
    if indicator.max_value is not None and value > indicator.max_value:
        raise Refused(
            f"{label} {value:g} vượt giá trị lớn nhất cho phép ({indicator.max_value:g} {indicator.unit}) "
            f"của chỉ tiêu “{indicator.name}”."
        )


def _known_indicator(code: str) -> Indicator:
    indicator = cat.get(code)
    if indicator is None:
        raise Refused(
            f"Không có chỉ tiêu mã “{code}” trong danh mục. Chọn một chỉ tiêu trong danh mục.",
            field="indicator_code",
        )
    return indicator


@transaction.atomic
def enter_manual_figure(
    *,
    actor: Any,
    indicator_code: str,
    unit: AdminUnit,
    period: Period,
    value: Any,
    denominator: Any = None,
) -> ManualFigure:
    """A unit enters a figure for a manual indicator (for a share: numerator and base)."""
    RULEBOOK.require(actor, "enter_figure", unit)
    indicator = _known_indicator(indicator_code)
    if indicator.compute is not None:
        raise Refused(
            f"Chỉ tiêu “{indicator.name}” được tính tự động từ dữ liệu của phân hệ, không nhập tay."
        )
    if Period.objects.filter(pk=period.pk, status=PeriodStatus.CLOSED).exists():
        raise Refused(f"Kỳ “{period.name}” đã khóa số liệu, không nhập thêm được.")
    numerator = _number(value, "Giá trị")
    if indicator.aggregation == "ratio":
        base = _number(denominator, "Mẫu số")
        if base <= 0:
            raise Refused(_("Mẫu số của một tỷ lệ phải lớn hơn 0."))
        if numerator < 0 or numerator > base:
            raise Refused(f"Tử số ({numerator:g}) phải nằm trong khoảng 0 đến mẫu số ({base:g}).")
        _check_range(indicator, numerator / base * 100, "Tỷ lệ")
    else:
        base = 1.0
        if cat.is_integer_only(indicator) and not numerator.is_integer():
            raise Refused(
                f"Chỉ tiêu “{indicator.name}” đếm theo {indicator.unit}: hãy nhập số nguyên (không có phần lẻ)."
            )
        _check_range(indicator, numerator, "Giá trị")
    figure = (
        ManualFigure.objects.select_for_update()
        .filter(indicator_code=indicator.code, unit=unit, period=period)
        .first()
    )
    old = (figure.numerator, figure.denominator) if figure else None
    if figure is None:
        figure = ManualFigure(indicator_code=indicator.code, unit=unit, period=period)
    figure.numerator, figure.denominator, figure.entered_by = numerator, base, actor
    figure.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE if old else AuditAction.CREATE,
        obj=figure,
        unit=unit,
        summary=f"Nhập số liệu “{indicator.name}” kỳ {period.name}",
        changes={"value": [list(old) if old else None, [numerator, base]]},
    )
    return figure


@transaction.atomic
def set_target(*, actor: Any, indicator_code: str, unit: AdminUnit, period: Period, value: Any) -> Target:
    RULEBOOK.require(actor, "set_target", unit)
    indicator = _known_indicator(indicator_code)
    number = _number(value, "Chỉ tiêu")
    _check_range(indicator, number, "Chỉ tiêu")
    target = (
        Target.objects.select_for_update()
        .filter(indicator_code=indicator.code, unit=unit, period=period)
        .first()
    )
    old = target.value if target else None
    if target is None:
        target = Target(indicator_code=indicator.code, unit=unit, period=period)
    target.value, target.set_by = number, actor
    target.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE if old is not None else AuditAction.CREATE,
        obj=target,
        unit=unit,
        summary=f"Giao chỉ tiêu “{indicator.name}” kỳ {period.name}",
        changes={"value": [old, number]},
    )
    return target
