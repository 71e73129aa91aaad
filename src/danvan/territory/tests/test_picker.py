from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.db.models import Count
from django.urls import reverse

from danvan.conftest import Units, client_for, make_user
from danvan.core.text import fold
from danvan.exemplars.models import Exemplar
from danvan.exemplars.tests.test_views import _form
from danvan.territory.models import AdminUnit, Level
from danvan.territory.picker import SELECT_LIMIT, UnitField, UnitSearchInput, search_units, set_units

pytestmark = pytest.mark.django_db


class _PickForm(forms.Form):
    unit = UnitField(label="Đơn vị")

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)


def test_a_province_officer_picks_from_a_select_box_of_their_units(units: Units) -> None:
    allowed = AdminUnit.objects.subtree(units.province)
    form = _PickForm(units=allowed)
    assert allowed.count() <= SELECT_LIMIT
    assert isinstance(form.fields["unit"].widget, forms.Select)
    assert f'value="{units.commune_a.code}"' in str(form["unit"])

    bound = _PickForm({"unit": units.commune_a.code}, units=allowed)
    assert bound.is_valid() and bound.cleaned_data["unit"] == units.commune_a


def test_a_national_user_gets_a_search_box_instead_of_3356_options(units: Units) -> None:
    form = _PickForm(units=AdminUnit.objects.all())
    assert isinstance(form.fields["unit"].widget, UnitSearchInput)
    html = str(form["unit"])
    assert "<option" not in html and "<datalist" in html and 'hx-get="/territory/don-vi/?field=unit"' in html


def test_the_search_box_accepts_a_suggestion_a_code_or_a_name_without_diacritics(units: Units) -> None:
    everything = AdminUnit.objects.all()
    commune = units.commune_c
    for typed in (f"{commune.name} ({commune.code})", commune.code):
        form = _PickForm({"unit": typed}, units=everything)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["unit"] == commune
    province = _PickForm({"unit": "ca mau"}, units=AdminUnit.objects.filter(level=Level.PROVINCE))
    assert province.is_valid() and province.cleaned_data["unit"] == units.other_province


def test_a_unit_outside_the_allowed_ones_is_refused_with_a_clear_message(units: Units) -> None:
    form = _PickForm({"unit": units.commune_c.code}, units=AdminUnit.objects.subtree(units.province))
    assert not form.is_valid()
    assert form.errors["unit"] == [f"Không tìm thấy đơn vị “{units.commune_c.code}” trong phạm vi của bạn."]
    empty = _PickForm({"unit": ""}, units=AdminUnit.objects.all())
    assert not empty.is_valid() and empty.errors["unit"] == ["Hãy chọn đơn vị."]


def test_a_name_shared_by_several_units_asks_to_pick_from_the_suggestions(units: Units) -> None:
    duplicated = (
        AdminUnit.objects.filter(level=Level.COMMUNE)
        .values("folded_name")
        .order_by()
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .first()
    )
    assert duplicated is not None  # e.g. several communes are called "Tân Lập"
    form = _PickForm({"unit": duplicated["folded_name"]}, units=AdminUnit.objects.all())
    assert not form.is_valid()
    assert "chọn trong danh sách gợi ý" in form.errors["unit"][0]


def test_suggestions_match_without_diacritics_and_stay_in_the_users_scope(units: Units) -> None:
    carol = make_user("carol", units.province, "supervisor")
    name = units.commune_a.short_name
    folded = fold(name)
    response = client_for(carol).get(reverse("territory:unit-search"), {"field": "unit", "unit": folded})
    assert response.status_code == 200
    assert f"({units.commune_a.code})" in response.content.decode()
    outside = client_for(carol).get(reverse("territory:unit-search"), {"q": units.commune_c.code})
    assert "<option" not in outside.content.decode()
    everywhere = search_units(AdminUnit.objects.all(), units.commune_c.code)
    assert everywhere == [units.commune_c]


def test_a_national_officer_registers_a_model_for_any_commune_by_typing_its_name(units: Units) -> None:
    nina = make_user("nina", units.nation, "officer")
    client = client_for(nina)
    page = client.get(reverse("exemplars:create"))
    assert "<datalist" in page.content.decode()
    commune = units.commune_c
    response = client.post(reverse("exemplars:create"), _form(unit=f"{commune.name} ({commune.code})"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Exemplar.objects.get().unit == commune


def test_one_unit_pick_form_serves_the_filters_of_every_module(units: Units) -> None:
    from danvan.territory.picker import UnitPickForm

    allowed = AdminUnit.objects.subtree(units.province)
    form = UnitPickForm(initial={"unit": units.commune_a}, units=allowed)
    assert f'value="{units.commune_a.code}" selected' in str(form["unit"])
    bound = UnitPickForm({"unit": units.commune_c.code}, units=allowed)
    assert not bound.is_valid()
    import danvan.engagement.forms as engagement_forms
    import danvan.reporting.forms as reporting_forms
    import danvan.situation.forms as situation_forms

    assert not hasattr(engagement_forms, "UnitFilterForm")
    assert not hasattr(reporting_forms, "UnitPickForm")
    assert not hasattr(situation_forms, "LedgerUnitForm")
