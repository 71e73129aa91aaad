"""Filters for the wording of messages: `{{ message|sentence }}` ends a message with one full stop."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.core.text import end_sentence

register = template.Library()


@register.filter
def sentence(value: Any) -> str:
    return end_sentence(str(value))
