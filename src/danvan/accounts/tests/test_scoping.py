from __future__ import annotations

from typing import Any

import pytest

from danvan.accounts.models import Organisation
from danvan.accounts.scoping import scope_for
from danvan.accounts.services import ensure_default_organisations
from danvan.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(units: Any) -> dict[str, Organisation]:
    return {
        "a": ensure_default_organisations(unit=units.commune_a)[0],
        "b": ensure_default_organisations(unit=units.commune_b)[0],
        "c": ensure_default_organisations(unit=units.commune_c)[0],
        "province": ensure_default_organisations(unit=units.province)[0],
    }


def test_an_officer_of_commune_a_gets_404_for_commune_bs_records(
    alice: Any, orgs: dict[str, Organisation]
) -> None:
    client = client_for(alice)
    assert client.get(f"/accounts/organisations/{orgs['a'].pk}/").status_code == 200
    assert client.get(f"/accounts/organisations/{orgs['b'].pk}/").status_code == 404
    assert client.get(f"/accounts/organisations/{orgs['c'].pk}/").status_code == 404


def test_an_officer_lists_only_their_communes_records(alice: Any, orgs: dict[str, Organisation]) -> None:
    body = client_for(alice).get("/accounts/organisations/").content.decode()
    assert orgs["a"].name in body
    assert orgs["b"].name not in body and orgs["c"].name not in body


def test_a_province_supervisor_sees_all_its_communes_and_nothing_outside(
    carol: Any, orgs: dict[str, Organisation], units: Any
) -> None:
    scope = scope_for(carol)
    visible = set(scope.filter(Organisation.objects.all()).values_list("pk", flat=True))
    assert {orgs["a"].pk, orgs["b"].pk, orgs["province"].pk} <= visible
    assert orgs["c"].pk not in visible
    client = client_for(carol)
    assert client.get(f"/accounts/organisations/{orgs['b'].pk}/").status_code == 200
    assert client.get(f"/accounts/organisations/{orgs['c'].pk}/").status_code == 404


def test_a_central_supervisor_sees_every_province(dave: Any, orgs: dict[str, Organisation]) -> None:
    visible = set(scope_for(dave).filter(Organisation.objects.all()).values_list("pk", flat=True))
    assert {o.pk for o in orgs.values()} <= visible


def test_a_supervisor_may_read_but_not_act(carol: Any, units: Any) -> None:
    scope = scope_for(carol)
    assert scope.can_see(units.commune_a)
    assert not scope.has_role(units.commune_a, {"officer", "unit_head"})


def test_an_anonymous_visitor_sees_no_records(orgs: dict[str, Organisation]) -> None:
    assert not scope_for(None).filter(Organisation.objects.all()).exists()


def test_anonymous_visitors_are_sent_to_login(client: Any, orgs: dict[str, Organisation]) -> None:
    response = client.get(f"/accounts/organisations/{orgs['a'].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_system_administrator_sees_everything(root: Any, orgs: dict[str, Organisation]) -> None:
    assert scope_for(root).is_admin
    assert client_for(root).get(f"/accounts/organisations/{orgs['c'].pk}/").status_code == 200
