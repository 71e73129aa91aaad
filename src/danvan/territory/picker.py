"""One way to pick a unit in a form, whatever the size of the user's scope.

A commune or province officer chooses from a select box. A user whose allowed units are more than
SELECT_LIMIT (a national administrator may act on all 3,356) types a name, with or without diacritics,
and picks from suggestions served by `territory:unit-search` (htmx fills a <datalist>). Either way the
form gets an `AdminUnit` that belongs to the queryset the view allowed, or a clear Vietnamese error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import AdminUnit, LegacyProvince, Village
from danvan.territory.names import lookup_key

SELECT_LIMIT = 300
SUGGESTIONS = 20
_CODE = re.compile(r"\((\d{2,5})\)\s*$")

# The units a signed-in user may pick: set by the accounts app (its scope), which sits above the territory.
_units_for_user: Callable[[Any], QuerySet[AdminUnit]] | None = None


def register_units_for_user(units_for_user: Callable[[Any], QuerySet[AdminUnit]]) -> None:
    global _units_for_user
    _units_for_user = units_for_user


def units_for_user(user: Any) -> QuerySet[AdminUnit]:
    """The units `user` may pick (none until the accounts app registered its scope)."""
    return _units_for_user(user) if _units_for_user is not None else AdminUnit.objects.none()


def unit_label(unit: AdminUnit) -> str:
    """How a unit appears among suggestions, ending with its GSO code: 'Xã Tân Lập (07423)'."""
    return f"{unit.name} ({unit.code})"


def search_units(units: QuerySet[AdminUnit], text: str, limit: int = SUGGESTIONS) -> list[AdminUnit]:
    """Units of `units` whose name or code matches what was typed: 'dong kinh', 'Đông Kinh', '062'."""
    text = _CODE.sub("", text or "").strip()
    if not text:
        return []
    if text.isdigit():
        return list(units.filter(code__startswith=text).order_by("code")[:limit])
    key = lookup_key(text)
    if not key:
        return []
    exact = list(units.filter(folded_name=key).order_by("level", "path")[:limit])
    rest = units.filter(folded_name__contains=key).exclude(folded_name=key).order_by("level", "folded_name")
    found = exact + list(rest[: limit - len(exact)])
    # A province's name before the 2025 merger ("Bắc Giang", "bac lieu") leads to today's province.
    merged = units.filter(pk__in=_legacy_province_ids(key)).exclude(pk__in=[u.pk for u in found])
    return found + list(merged.order_by("path")[: max(limit - len(found), 0)])


def _legacy_province_ids(key: str) -> list[int]:
    """Today's provinces whose pre-2025 parts have a name containing `key` (a lookup key)."""
    return [
        current
        for name, current in LegacyProvince.objects.values_list("name", "current_id")
        if key in lookup_key(name)
    ]


class UnitSearchInput(forms.TextInput):
    """A text box whose suggestions come from the server as the user types."""

    template_name = "territory/unit_search_input.html"
    search_url_name = "territory:unit-search"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options_id = f"{widget_attrs.get('id') or name}-options"
        widget_attrs.update(
            {
                "list": options_id,
                "autocomplete": "off",
                "placeholder": str(_("Gõ tên hoặc mã đơn vị, có dấu hay không dấu")),
                "hx-get": f"{reverse(self.search_url_name)}?field={name}",
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{options_id}",
                "hx-swap": "innerHTML",
            }
        )
        context["widget"]["options_id"] = options_id
        return context

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, AdminUnit):
            return unit_label(value)
        return super().format_value(value)


class AnyUnitSearchInput(UnitSearchInput):
    """Suggestions among every unit of the country (a transfer may go to any competent body)."""

    search_url_name = "territory:any-unit-search"


class FastSelect(forms.Select):
    """A select box whose options are written in Python, not with a template per option.

    Django renders each <option> through its own template: about 0.25 ms an option, so the 127 units of a
    province cost ~30 ms per select box on a page (the compliance page had two). Same HTML, same context."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:

        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (o["value"], mark_safe(" selected") if o["selected"] else "", o["label"])
                for _group, choices, _index in widget["optgroups"]
                for o in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class UnitField(forms.Field):
    """A unit among those a view allows (`set_units`): select box when few, searchable text box when many."""

    search_widget: type[UnitSearchInput] = UnitSearchInput

    default_error_messages = {
        "required": _("Hãy chọn đơn vị."),
        "unknown": _("Không tìm thấy đơn vị “%(value)s” trong phạm vi của bạn."),
        "ambiguous": _("Có nhiều đơn vị tên “%(value)s”: hãy chọn trong danh sách gợi ý (có kèm mã)."),
    }

    def __init__(self, *, units: QuerySet[AdminUnit] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_units(units if units is not None else AdminUnit.objects.none())

    def set_units(self, units: QuerySet[AdminUnit]) -> None:
        self.units = units
        few = list(units.order_by("path").values_list("code", "name")[: SELECT_LIMIT + 1])
        widget: forms.Widget
        if len(few) <= SELECT_LIMIT:
            widget = FastSelect(choices=few)
            if len(few) == 1 and self.initial is None:
                self.initial = few[0][0]
        else:
            widget = self.search_widget()
        widget.is_required = self.required
        widget.attrs.update(self.widget_attrs(widget))
        self.widget = widget

    @property
    def is_searchable(self) -> bool:
        return isinstance(self.widget, UnitSearchInput)

    @property
    def has_units(self) -> bool:
        return self.is_searchable or bool(getattr(self.widget, "choices", ()))

    def to_python(self, value: Any) -> AdminUnit | None:
        if isinstance(value, AdminUnit):
            return value if self.units.filter(pk=value.pk).exists() else self._fail("unknown", value.name)
        text = str(value or "").strip()
        if not text:
            return None
        match = _CODE.search(text)
        code = match.group(1) if match else (text if text.isdigit() else None)
        if code is not None:
            unit = self.units.filter(code=code).first()
            return unit if unit is not None else self._fail("unknown", text)
        key = lookup_key(text)
        found = list(self.units.filter(folded_name=key)[:2])
        if not found:  # an old province's name ("Bắc Giang"): today's province
            old = LegacyProvince.objects.values_list("name", "current_id")
            found = list(self.units.filter(pk__in=[c for n, c in old if lookup_key(n) == key])[:2])
        if len(found) == 1:
            return found[0]
        return self._fail("ambiguous" if found else "unknown", text)

    def _fail(self, code: str, value: str) -> AdminUnit:
        raise forms.ValidationError(self.error_messages[code], code=code, params={"value": value})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, AdminUnit):
            return value if self.is_searchable else value.code
        return value


class AnyUnitField(UnitField):
    """Any unit of the country, searched by name (with or without diacritics, old province names) or code."""

    search_widget = AnyUnitSearchInput

    def __init__(self, **kwargs: Any) -> None:
        forms.Field.__init__(self, **kwargs)
        # The whole country is always more than a select box holds: the search box, without a query.
        self.units = AdminUnit.objects.all()
        widget = AnyUnitSearchInput()
        widget.is_required = self.required
        widget.attrs.update(self.widget_attrs(widget))
        self.widget = widget


class FastSelectMultiple(FastSelect):
    """The same fast select box, several options chosen (ctrl/shift-click)."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an unselected multiple select box sends nothing


class UnitSearchListInput(forms.Widget):
    """Several search boxes of the same name (`UnitSearchInput`, each with its own suggestions): the
    chosen units first, then empty rows to add more."""

    template_name = "territory/unit_search_list.html"
    EMPTY_ROWS = 3

    def __init__(self, search_widget: type[UnitSearchInput] = UnitSearchInput, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.search_widget = search_widget

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        values = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, "")]
        base_id = (attrs or {}).get("id") or name
        rows = []
        for i, item in enumerate([*values, *[None] * self.EMPTY_ROWS]):
            row_attrs = {**(attrs or {}), "id": f"{base_id}_{i}"}
            row_attrs.pop("required", None)
            rows.append(self.search_widget().render(name, item, row_attrs))
        context["widget"]["rows"] = rows
        return context

    def format_value(self, value: Any) -> Any:
        return value

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False


class UnitsField(UnitField):
    """Several units among those a view allows (`set_units`): a multiple select box when few, rows of the
    same search boxes when many. Each entry is read as `UnitField` reads one (name with or without
    diacritics, code, "Name (code)"); the cleaned value is the list of units, without repeats."""

    default_error_messages = {
        **UnitField.default_error_messages,
        "required": _("Hãy chọn ít nhất một đơn vị."),
    }

    def set_units(self, units: QuerySet[AdminUnit]) -> None:
        self.units = units
        few = list(units.order_by("path").values_list("code", "name")[: SELECT_LIMIT + 1])
        widget: forms.Widget
        if len(few) <= SELECT_LIMIT:
            widget = FastSelectMultiple(choices=few, attrs={"size": min(max(len(few), 2), 8)})
            if len(few) == 1 and self.initial is None:
                self.initial = [few[0][0]]
        else:
            widget = UnitSearchListInput(self.search_widget)
        widget.is_required = self.required
        widget.attrs.update(self.widget_attrs(widget))
        self.widget = widget

    @property
    def is_searchable(self) -> bool:
        return isinstance(self.widget, UnitSearchListInput)

    def to_python(self, value: Any) -> list[AdminUnit]:  # type: ignore[override]
        items = value if isinstance(value, (list, tuple)) else [value]
        found: list[AdminUnit] = []
        errors: list[ValidationError] = []
        for item in items:
            try:
                unit = super().to_python(item)
            except ValidationError as exc:
                errors.append(exc)
                continue
            if unit is not None and unit not in found:
                found.append(unit)
        if errors:
            raise ValidationError(errors)
        return found

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return [super(UnitsField, self).prepare_value(v) for v in value]
        return super().prepare_value(value)


def pick_unit(units: QuerySet[AdminUnit], text: str | None) -> AdminUnit | None:
    """The unit a page's `?unit=` names among `units` (a code, a name with or without diacritics, an old
    province's name, or the picker's "Name (code)"): None when empty, 404 with the picker's message when
    none matches."""
    field = UnitField(required=False)
    field.set_units(units)
    try:
        return field.clean((text or "").strip())
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc


def set_units(form: forms.BaseForm, units: QuerySet[AdminUnit], name: str = "unit") -> None:
    """Give a form's UnitField (or UnitsField) the units the view allows."""
    field = form.fields[name]
    if not isinstance(field, UnitField):
        raise TypeError(f"{name} is not a UnitField")
    field.set_units(units)


class UnitPickForm(forms.Form):
    """The unit a list, a figure or a ledger is read for (`?unit=`): the unit picker among `units`, the
    units the person sees. The one form of every module's page filter (read back with `pick_unit`)."""

    unit = UnitField(label=_("Đơn vị"), required=False)

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)


# --- villages: the same picker one level down ---------------------------------------------------------

_VILLAGE_ID = re.compile(r"\[(\d{1,12})\]\s*$")


def village_label(village: Village) -> str:
    """How a village appears among suggestions, ending with its id: 'Thôn Nà Sla – Xã Tân Lập [12]'."""
    return f"{village.name} – {village.unit.name} [{village.pk}]"


def search_villages(villages: QuerySet[Village], text: str, limit: int = SUGGESTIONS) -> list[Village]:
    text = _VILLAGE_ID.sub("", text or "").strip()
    key = lookup_key(text) if text else ""
    if not key:
        return []
    qs = villages.select_related("unit").filter(folded_name__contains=key)
    return list(qs.order_by("unit__path", "code")[:limit])


class VillageSearchInput(UnitSearchInput):
    template_name = "territory/unit_search_input.html"
    search_url_name = "territory:village-search"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Village):
            return village_label(value)
        return super().format_value(value)


class VillageField(forms.Field):
    """A village among those a view allows (`set_villages`): select box when few, search box when many."""

    default_error_messages = {
        "required": _("Hãy chọn thôn, tổ dân phố."),
        "unknown": _("Không tìm thấy thôn “%(value)s” trong phạm vi của bạn."),
        "ambiguous": _("Có nhiều thôn tên “%(value)s”: hãy chọn trong danh sách gợi ý (có kèm số hiệu)."),
    }

    def __init__(self, *, villages: QuerySet[Village] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_villages(villages if villages is not None else Village.objects.none())

    def set_villages(self, villages: QuerySet[Village]) -> None:
        self.villages = villages
        few = list(
            villages.order_by("unit__path", "code").values_list("pk", "name", "unit__name")[
                : SELECT_LIMIT + 1
            ]
        )
        widget: forms.Widget
        if len(few) <= SELECT_LIMIT:
            multi = len({unit for _pk, _name, unit in few}) > 1
            widget = FastSelect(
                choices=[("", "—")] + [(pk, f"{name} – {unit}" if multi else name) for pk, name, unit in few]
            )
        else:
            widget = VillageSearchInput()
        widget.is_required = self.required
        widget.attrs.update(self.widget_attrs(widget))
        self.widget = widget

    @property
    def is_searchable(self) -> bool:
        return isinstance(self.widget, VillageSearchInput)

    def to_python(self, value: Any) -> Village | None:
        if isinstance(value, Village):
            return value if self.villages.filter(pk=value.pk).exists() else self._fail("unknown", value.name)
        text = str(value or "").strip()
        if not text:
            return None
        match = _VILLAGE_ID.search(text)
        pk = match.group(1) if match else (text if text.isdigit() else None)
        if pk is not None:
            village = self.villages.select_related("unit").filter(pk=int(pk)).first()
            return village if village is not None else self._fail("unknown", text)
        found = list(self.villages.select_related("unit").filter(folded_name=lookup_key(text))[:2])
        if len(found) == 1:
            return found[0]
        return self._fail("ambiguous" if found else "unknown", text)

    def _fail(self, code: str, value: str) -> Village:
        raise forms.ValidationError(self.error_messages[code], code=code, params={"value": value})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Village):
            return value if self.is_searchable else value.pk
        return value
