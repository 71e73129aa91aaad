"""Accessibility helpers for forms rendered without a visible <label> (table rows, inline forms)."""

from __future__ import annotations

from django import forms


def label_widgets(form: forms.BaseForm) -> None:
    """Give every widget of `form` an accessible name from its field's label (aria-label), for forms
    whose visible label is a table heading or the button next to the input."""
    for field in form.fields.values():
        if field.label and not field.widget.is_hidden:
            field.widget.attrs.setdefault("aria-label", str(field.label))
