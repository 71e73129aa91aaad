"""One way to pick a person in a form: only the people a view allows (those of the relevant units), searchable.

The field is a text box whose suggestions (a <datalist>, searched by the browser as one types, with or
without diacritics in most browsers) are the allowed people as "Full name – title (username)". It accepts
such a label, a bare username or a full name that is unique among them, and refuses anyone else with a
clear Vietnamese message: a national supervisor or the system administrator is never offered for a
commune's task unless the view allowed them.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User
from danvan.core.text import fold

_USERNAME = re.compile(r"\(([^()\s]+)\)\s*$")


def person_label(user: Any) -> str:
    """ "Vi Thị Mai (demo-canbo)"."""
    name = (getattr(user, "full_name", "") or "").strip() or user.username
    return f"{name} ({user.username})"


class PersonInput(forms.TextInput):
    template_name = "accounts/person_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.people: list[str] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options_id = f"{widget_attrs.get('id') or name}-people"
        widget_attrs.update(
            {
                "list": options_id,
                "autocomplete": "off",
                "placeholder": str(_("Gõ họ tên hoặc tên đăng nhập để tìm")),
            }
        )
        context["widget"]["options_id"] = options_id
        context["widget"]["people"] = self.people
        return context

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, User):
            return person_label(value)
        return super().format_value(value)


class PersonField(forms.Field):
    """A person among those a view allows (`set_people`)."""

    widget = PersonInput
    default_error_messages = {
        "required": _("Hãy chọn người."),
        "unknown": _(
            "“%(value)s” không có trong danh sách người của đơn vị: hãy chọn trong danh sách gợi ý."
        ),
        "ambiguous": _(
            "Có nhiều người tên “%(value)s”: hãy chọn trong danh sách gợi ý (có kèm tên đăng nhập)."
        ),
    }

    def __init__(self, *, people: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_people(people if people is not None else User.objects.none())

    def set_people(self, people: QuerySet[Any]) -> None:
        self.people = people
        assert isinstance(self.widget, PersonInput)
        self.widget.people = [person_label(u) for u in people[:500]]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            user = self.people.filter(pk=value).first()
            return person_label(user) if user is not None else value
        return value

    def to_python(self, value: Any) -> Any:
        if isinstance(value, User):
            return value if self.people.filter(pk=value.pk).exists() else self._fail("unknown", str(value))
        text = str(value or "").strip()
        if not text:
            return None
        match = _USERNAME.search(text)
        username = match.group(1) if match else text
        user = self.people.filter(username=username).first()
        if user is not None:
            return user
        key = fold(text)
        found = [u for u in self.people.filter(is_active=True)[:2000] if fold(u.full_name or "") == key][:2]
        if len(found) == 1:
            return found[0]
        return self._fail("ambiguous" if found else "unknown", text)

    def _fail(self, code: str, value: str) -> Any:
        raise forms.ValidationError(self.error_messages[code], code=code, params={"value": value})
