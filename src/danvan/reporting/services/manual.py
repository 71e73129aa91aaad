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
        raise Refused(_("%(label)s phải là một số.") % {"label": label})
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw or "").strip().replace(" ", "")
        if not text:
            raise Refused(_("Hãy nhập %(lower)s.") % {"lower": label.lower()})
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,5 (Vietnamese style)
        elif "," in text:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise Refused(
                _("%(label)s “%(raw)s” không phải là số. Nhập số, ví dụ 12 hoặc 85,5.")
                % {"label": label, "raw": raw}
            ) from None
    if math.isnan(value) or math.isinf(value):
        raise Refused(_("%(label)s không phải là số hợp lệ.") % {"label": label})
    return value


def _check_range(indicator: Indicator, value: float, label: str) -> None:
    if indicator.min_value is not None and value < indicator.min_value:
        raise Refused(
            _(
                "%(label)s %(value)s nhỏ hơn giá trị nhỏ nhất cho phép (%(min_value)s %(unit)s) của chỉ tiêu “%(name)s”."
            )
            % {
                "label": label,
                "value": format(value, "g"),
                "min_value": format(indicator.min_value, "g"),
                "unit": indicator.unit,
                "name": indicator.name,
            }
        )
    if indicator.max_value is not None and value > indicator.max_value:
        raise Refused(
            _(
                "%(label)s %(value)s vượt giá trị lớn nhất cho phép (%(max_value)s %(unit)s) của chỉ tiêu “%(name)s”."
            )
            % {
                "label": label,
                "value": format(value, "g"),
                "max_value": format(indicator.max_value, "g"),
                "unit": indicator.unit,
                "name": indicator.name,
            }
        )


def _known_indicator(code: str) -> Indicator:
    indicator = cat.get(code)
    if indicator is None:
        raise Refused(
            _("Không có chỉ tiêu mã “%(code)s” trong danh mục. Chọn một chỉ tiêu trong danh mục.")
            % {"code": code},
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
            _("Chỉ tiêu “%(name)s” được tính tự động từ dữ liệu của phân hệ, không nhập tay.")
            % {"name": indicator.name}
        )
    if Period.objects.filter(pk=period.pk, status=PeriodStatus.CLOSED).exists():
        raise Refused(_("Kỳ “%(name)s” đã khóa số liệu, không nhập thêm được.") % {"name": period.name})
    numerator = _number(value, _("Giá trị"))
    if indicator.aggregation == "ratio":
        base = _number(denominator, _("Mẫu số"))
        if base <= 0:
            raise Refused(_("Mẫu số của một tỷ lệ phải lớn hơn 0."))
        if numerator < 0 or numerator > base:
            raise Refused(
                _("Tử số (%(numerator)s) phải nằm trong khoảng 0 đến mẫu số (%(base)s).")
                % {"numerator": format(numerator, "g"), "base": format(base, "g")}
            )
        _check_range(indicator, numerator / base * 100, "Tỷ lệ")
    else:
        base = 1.0
        if cat.is_integer_only(indicator) and not numerator.is_integer():
            raise Refused(
                _("Chỉ tiêu “%(name)s” đếm theo %(unit)s: hãy nhập số nguyên (không có phần lẻ).")
                % {"name": indicator.name, "unit": indicator.unit}
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
    number = _number(value, _("Chỉ tiêu"))
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
