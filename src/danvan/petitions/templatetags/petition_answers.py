"""`{% load petition_answers %}`: the answer templates of a petition and whether it heads a group to answer at once."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.petitions.answer_forms import TemplatePickForm
from danvan.petitions.services import answers

register = template.Library()


@register.simple_tag
def answer_template_form(petition: Any) -> TemplatePickForm | None:
    """The template picker of the answer form, or None when there is no template for this petition."""
    form = TemplatePickForm(petition=petition)
    field = form.fields["answer_template"]
    return form if field.queryset.exists() else None  # type: ignore[attr-defined]


@register.simple_tag(takes_context=True)
def answer_group_size(context: Any, petition: Any) -> int:
    """How many open members of the group headed by `petition` the user would answer at once (0: none)."""
    request = context.get("request")
    if request is None or not answers.has_group(petition):
        return 0
    return sum(1 for m in answers.members(request.user, petition) if m.answered)
