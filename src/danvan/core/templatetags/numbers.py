"""Template filters of the one number formatter (`danvan.core.numbers`): `{{ n|number }}`, `{{ p|percent }}`."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.core.numbers import format_number

register = template.Library()


@register.filter
def number(value: Any) -> str:
    return format_number(value)


@register.filter
def percent(value: Any) -> str:
    return format_number(value, percent=True)
