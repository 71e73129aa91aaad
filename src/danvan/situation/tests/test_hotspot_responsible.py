"""A hotspot's responsible units (#19 item 2): chosen with the unit picker, several, among the units the
officer sees; their officers see the hotspot; bad choices are refused with nothing saved."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.conftest import client_for, make_user
from danvan.core.workflow import Refused
from danvan.situation import selectors, services
from danvan.situation.models import Hotspot
from danvan.territory.models import AdminUnit
from danvan.territory.picker import UnitSearchListInput, UnitsField

pytestmark = pytest.mark.django_db


@pytest.fixture
def phuong(units: Any) -> Any:
    """An officer of the province (sees every commune of it)."""
    return make_user("phuong", units.province, "officer")


def _post(units: Any, topic: Any, **extra: Any) -> dict[str, Any]:
    return {
        "unit": units.commune_a.code,
        "title": "Tranh chấp đất rừng giữa hai xã",
        "topic": topic["dat_dai"].pk,
        "risk": "high",
        "summary": "Hai xã cùng nhận một khu rừng.",
        **extra,
    }


def _hotspot(actor: Any, units: Any, topic: Any, responsible: list[AdminUnit]) -> Hotspot:
    return services.open_hotspot(
        actor=actor, unit=units.commune_a, title="Tranh chấp đất rừng", topic=topic["dat_dai"],
        risk="high", summary="Hai xã cùng nhận một khu rừng.", responsible=responsible,
    )  # fmt: skip


def test_the_new_hotspot_form_preselects_the_hotspots_own_unit_as_responsible(units: Any, alice: Any) -> None:
    page = client_for(alice).get("/situation/diem-nong/moi/").content.decode()
    assert 'name="responsible"' in page and "multiple" in page
    assert f'<option value="{units.commune_a.code}" selected>' in page


def test_a_province_officer_names_two_communes_responsible_and_both_communes_officers_see_it(
    units: Any, phuong: Any, alice: Any, bob: Any, olga: Any, topic: Any
) -> None:
    response = client_for(phuong).post(
        "/situation/diem-nong/moi/",
        _post(units, topic, responsible=[units.commune_a.code, units.commune_b.code]),
    )
    assert response.status_code == 302
    h = Hotspot.objects.get()
    assert set(h.responsible.all()) == {units.commune_a, units.commune_b}
    page = client_for(phuong).get(f"/situation/diem-nong/{h.pk}/").content.decode()
    assert units.commune_a.name in page and units.commune_b.name in page
    # bob's commune B is not the hotspot's unit, but it is responsible: he sees it in his register
    assert client_for(bob).get(f"/situation/diem-nong/{h.pk}/").status_code == 200
    assert "Tranh chấp đất rừng" in client_for(bob).get("/situation/diem-nong/").content.decode()
    assert client_for(olga).get(f"/situation/diem-nong/{h.pk}/").status_code == 404


def test_an_officer_of_a_responsible_unit_sees_the_hotspot_through_the_selectors(
    units: Any, phuong: Any, bob: Any, olga: Any, topic: Any
) -> None:
    from danvan.accounts.scoping import scope_for

    h = _hotspot(phuong, units, topic, [units.commune_b])
    assert list(selectors.hotspots_for(scope_for(bob))) == [h]
    assert selectors.hotspot_for(scope_for(bob), h.pk) == h
    assert list(selectors.hotspots_for(scope_for(olga))) == []


def test_a_hotspot_with_no_responsible_unit_chosen_is_refused_with_a_clear_message_and_nothing_saved(
    units: Any, alice: Any, topic: Any
) -> None:
    response = client_for(alice).post("/situation/diem-nong/moi/", _post(units, topic))
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một đơn vị chịu trách nhiệm." in response.content.decode()
    assert not Hotspot.objects.exists()


def test_a_responsible_unit_outside_the_officers_scope_is_refused_on_the_form_and_nothing_saved(
    units: Any, alice: Any, topic: Any
) -> None:
    response = client_for(alice).post(
        "/situation/diem-nong/moi/",
        _post(units, topic, responsible=[units.commune_a.code, units.commune_b.code]),
    )
    assert response.status_code == 400
    assert "trong phạm vi của bạn" in response.content.decode()
    assert not Hotspot.objects.exists()


def test_the_service_refuses_a_responsible_unit_outside_the_actors_scope(
    units: Any, alice: Any, topic: Any
) -> None:
    with pytest.raises(Refused, match="ngoài phạm vi") as exc:
        _hotspot(alice, units, topic, [units.commune_a, units.commune_c])
    assert exc.value.field == "responsible"
    assert not Hotspot.objects.exists()


def test_the_responsible_units_are_changed_on_the_hotspot_page_and_the_change_is_in_the_history(
    units: Any, phuong: Any, topic: Any
) -> None:
    h = _hotspot(phuong, units, topic, [units.commune_a])
    client = client_for(phuong)
    page = client.get(f"/situation/diem-nong/{h.pk}/").content.decode()
    assert 'name="resp-responsible"' in page
    response = client.post(
        f"/situation/diem-nong/{h.pk}/set_responsible/",
        {"resp-version": h.version, "resp-responsible": [units.commune_b.code, units.province.code]},
    )
    assert response.status_code == 302
    h.refresh_from_db()
    assert set(h.responsible.all()) == {units.commune_b, units.province}
    assert h.history.filter(action="update_hotspot", reason__contains=units.commune_b.name).exists()


def test_changing_the_responsible_units_to_none_or_outside_the_scope_saves_nothing(
    units: Any, alice: Any, topic: Any
) -> None:
    h = _hotspot(alice, units, topic, [units.commune_a])
    client = client_for(alice)
    empty = client.post(f"/situation/diem-nong/{h.pk}/set_responsible/", {"resp-version": h.version})
    assert empty.status_code == 400
    assert "Hãy chọn ít nhất một đơn vị chịu trách nhiệm." in empty.content.decode()
    with pytest.raises(Refused, match="ít nhất một"):
        services.set_responsible(actor=alice, hotspot=h, units=[], version=h.version)
    with pytest.raises(Refused, match="ngoài phạm vi"):
        services.set_responsible(actor=alice, hotspot=h, units=[units.commune_c], version=h.version)
    h.refresh_from_db()
    assert list(h.responsible.all()) == [units.commune_a] and h.version == 0


def test_a_national_officer_types_several_units_by_name_without_diacritics_or_by_code(
    units: Any,
) -> None:
    field = UnitsField(required=True)
    field.set_units(AdminUnit.objects.all())
    assert isinstance(field.widget, UnitSearchListInput)
    html = field.widget.render("responsible", [units.commune_a], {"id": "id_responsible"})
    assert html.count('name="responsible"') == 1 + UnitSearchListInput.EMPTY_ROWS
    assert f"{units.commune_a.name} ({units.commune_a.code})" in html
    from danvan.territory.names import lookup_key

    plain = lookup_key(units.other_province.name)
    cleaned = field.clean(
        [f"{units.commune_a.name} ({units.commune_a.code})", plain, units.commune_b.code, ""]
    )
    assert cleaned == [units.commune_a, units.other_province, units.commune_b]


def test_the_weekly_brief_of_a_responsible_unit_lists_the_hotspot_it_shares_elsewhere(
    units: Any, phuong: Any, alice: Any, bob: Any, olga: Any, topic: Any
) -> None:
    from danvan.core import clock

    _hotspot(phuong, units, topic, [units.commune_a, units.commune_b])
    own = services.draft_brief(actor=alice, unit=units.commune_a, week=clock.today())
    assert "Tranh chấp đất rừng" in own.hotspots and "cùng chịu trách nhiệm" not in own.hotspots
    shared = services.draft_brief(actor=bob, unit=units.commune_b, week=clock.today())
    assert "Tranh chấp đất rừng" in shared.hotspots
    assert f"{units.commune_b.name} cùng chịu trách nhiệm" in shared.hotspots
    other = services.draft_brief(actor=olga, unit=units.commune_c, week=clock.today())
    assert "Tranh chấp đất rừng" not in other.hotspots
