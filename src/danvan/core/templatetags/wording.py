"""Filters for the wording of messages: `{{ message|sentence }}` ends a message with one full stop."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from danvan.core.text import end_sentence

register = template.Library()


@register.filter
def sentence(value: Any) -> str:
    return end_sentence(str(value))


@register.filter
def data(value: Any) -> str:
    """A record's text (a name, a title) marked as data inside a translated sentence:
    `{% blocktranslate with u=unit.name|data %}` keeps the sentence's msgid and tells readers (and the
    language test) that the name stays as recorded, whatever the page's language."""
    return format_html('<span class="data">{}</span>', value)
