"""The compliance table's rows, written in Python: a province has 126 communes and the nation 34 provinces
× 8 cells; Django's template engine spends most of the page's time on those few thousand nodes (measured
in bench/bench_democracy.py). The same HTML the template wrote, escaped by `format_html`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from danvan.core.numbers import format_number
from danvan.territory.models import Level

register = template.Library()


@register.simple_tag
def compliance_rows(rows: list[Any], year: int, is_commune: bool) -> SafeString:
    def cells(r: Any) -> tuple[Any, ...]:
        unit = r.unit
        if unit.level < Level.COMMUNE:
            name = format_html('<a href="?unit={}&amp;year={}">{}</a>', unit.code, year, unit.name)
        else:
            name = format_html("{}", unit.name)
        numbers = [
            format_number(v)
            for v in (
                r.communes,
                r.compliant,
                r.disclosed,
                r.missing,
                r.late,
                r.too_short,
                r.lacking_channels,
            )
        ]
        extra = format_html("<td>{}</td>", "; ".join(r.missing_items)) if is_commune else ""
        return (name, *numbers, extra)

    return format_html_join(
        "\n", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>",
        (cells(r) for r in rows),
    )  # fmt: skip
