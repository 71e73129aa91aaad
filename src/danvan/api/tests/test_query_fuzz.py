"""No 500 from a hand-edited query string (issue #16 item 9), beside the schemathesis run of the API.

Every GET route of the web pages and of Open311 (walked from the root resolver, so new routes are
included) is filled with ids of real demo records and requested by five roles: anonymous, officer,
unit head, province supervisor and administrator. Every query-string parameter the code reads is tried
with malformed values (a sweep), then hypothesis draws parameters and values at random.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.api.tests.routes import all_routes, build

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SRC = Path(__file__).resolve().parents[2]
# The model whose id a route's <int:pk> takes, by the route's path prefix (longest prefix first).
PK_MODELS = {
    "accounts/organisations/": "accounts.Organisation",
    "accounts/bo-loc/": "accounts.SavedFilter",
    "petitions/tep/": "petitions.Attachment",
    "petitions/": "petitions.Petition",
    "engagement/doi-thoai/": "engagement.Dialogue",
    "engagement/receptions/": "engagement.ReceptionSession",
    "engagement/matters/": "engagement.ReceptionMatter",
    "engagement/dialogues/": "engagement.Dialogue",
    "engagement/questions/": "engagement.DialogueQuestion",
    "engagement/commitments/": "engagement.Commitment",
    "exemplars/m/": "exemplars.Exemplar",
    "exemplars/files/": "exemplars.ExemplarFile",
    "exemplars/hoi-thi/": "exemplars.Contest",
    "exemplars/registry/": "exemplars.Exemplar",
    "exemplars/contests/": "exemplars.Contest",
    "reporting/periods/": "reporting.Period",
    "reporting/themes/": "reporting.AnnualTheme",
    "reporting/reports/": "reporting.Report",
    "reporting/reports/docx/": "reporting.ReportDocxJob",
    "reporting/conferences/": "reporting.Conference",
    "reporting/tasks/": "reporting.Task",
    "press/events/": "press.Event",
    "press/upload/": "press.IngestJob",
    "press/people/": "press.Person",
    "democracy/thon/": "territory.Village",
    "democracy/cong-khai/tep/": "democracy.DisclosureFile",
    "democracy/cong-khai/": "democracy.Disclosure",
    "democracy/xa/tep/": "democracy.DisclosureFile",
    "democracy/lay-y-kien/": "democracy.Consultation",
    "democracy/gop-y/": "democracy.Consultation",
    "democracy/quyet-dinh/": "democracy.CommunityDecision",
    "democracy/huong-uoc/": "democracy.Convention",
    "democracy/giam-sat/": "democracy.OversightBoard",
    "democracy/kien-nghi/": "democracy.Recommendation",
    "democracy/nhap-tep/": "democracy.VillageImportJob",
    "democracy/co-quan/": "democracy.Workplace",
    "democracy/hoi-nghi/": "democracy.WorkplaceMeeting",
    "notifications/letters/": "petitions.Petition",
    "situation/bao-cao/": "situation.SituationReport",
    "situation/canh-bao/": "situation.RiseAlert",
    "situation/diem-nong/": "situation.Hotspot",
    "situation/tham-do/": "situation.Poll",
    "situation/ban-tin/": "situation.Brief",
}
ROLES = ["", "demo-canbo", "demo-lanhdao", "demo-tinh", "demo-quantri"]
NASTY = [
    "abc",
    "-1",
    "0",
    "1.5",
    "1e9",
    "99999999999999999999999",
    "2020-99-01",
    "31/02/2026",
    "2026-01-15T25:61:00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%",
    "_",
    "   ",
    "Đất đai 🙂",
    "x" * 600,
]
EXTRA_PARAMS = [
    "page",
    "q",
    "unit",
    "kind",
    "state",
    "field",
    "due",
    "period",
    "year",
    "next",
    "fmt",
    "table",
]


def _query_params() -> list[str]:
    """Every name the code reads from request.GET (views, selectors, forms bound to request.GET)."""
    names = set(EXTRA_PARAMS)
    pattern = re.compile(r"""(?:GET|params|query)(?:\.get|\.getlist)?[\[(]\s*["']([a-z_]{1,30})["']""")
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def _samples() -> dict[str, list[Any]]:
    from danvan.petitions.models import Petition
    from danvan.reporting.models import IndicatorDefinition

    petition = Petition.objects.order_by("pk").first()
    indicator = IndicatorDefinition.objects.order_by("pk").first()
    code = petition.tracking_code if petition else "DV-AAAA-BBBB-CCCC"
    return {
        "fmt": ["json", "xlsx", "csv", "docx"],
        "code": [code, indicator.code if indicator else "x", "20"],
        "request_id": [code],
        "token": [code],
        "action": ["accept"],
        "decision": ["approve"],
        "entry_pk": [1],
        "_int": [1],
        "_str": ["x"],
    }


def _first_pk(label: str) -> int:
    model = apps.get_model(label)
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return int(pk or 1)


def _urls() -> list[str]:
    samples = _samples()
    contest_entry = _first_pk("exemplars.ContestEntry")
    urls = []
    for route in all_routes():
        if route.pattern.startswith(("admin/", "api/")) or not route.name:
            continue  # Django's admin, and the REST API (covered by schemathesis)
        route_samples = dict(samples)
        if any(arg == "pk" for arg, _ in route.kwargs):
            prefix = max((p for p in PK_MODELS if route.pattern.startswith(p)), key=len, default=None)
            assert prefix is not None, f"add the model of {route.pattern} to PK_MODELS"
            route_samples["pk"] = [_first_pk(PK_MODELS[prefix])]
        route_samples["entry_pk"] = [contest_entry]
        url = build(route, route_samples)
        assert url is not None, route.pattern
        urls.append(url)
    assert len(urls) > 80
    return urls


@pytest.fixture
def site(db: None) -> dict[str, Any]:
    from danvan.accounts.models import User
    from danvan.conftest import ensure_territory

    ensure_territory()
    call_command("demo", "--size", "small", verbosity=0)
    clients = {"": Client()}
    for username in ROLES[1:]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
    return {"clients": clients, "urls": _urls(), "params": _query_params()}


def _get(site: dict[str, Any], role: str, url: str, query: dict[str, str]) -> int:
    response = site["clients"][role].get(url, query)
    if response.streaming:
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return int(response.status_code)


def test_no_get_route_answers_500_to_malformed_query_strings_for_any_role(site: dict[str, Any]) -> None:
    """A sweep: every route for every role, with every parameter at once set to a malformed value; the value
    turns with the route and the role, so each route gets every value and each role every value."""
    values = ("abc", "-1", "2020-99-01", "99999999999999999999999")
    problems = []
    for index, url in enumerate(site["urls"]):
        for offset, role in enumerate(ROLES):
            value = values[(index + offset) % len(values)]
            status = _get(site, role, url, {name: value for name in site["params"]})
            if status >= 500:
                problems.append(f"{role or 'anonymous'} GET {url}?…={value}: {status}")
    assert problems == []


PARAM_VALUES = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hypothesis_finds_no_500_in_the_query_strings_of_every_html_get_route(
    site: dict[str, Any], data: st.DataObject
) -> None:
    url = data.draw(st.sampled_from(site["urls"]), label="url")
    role = data.draw(st.sampled_from(ROLES), label="role")
    names = st.one_of(st.sampled_from(site["params"]), st.text(min_size=1, max_size=12))
    query = data.draw(st.dictionaries(names, PARAM_VALUES, max_size=6), label="query")
    status = _get(site, role, url, query)
    assert status < 500, f"{role or 'anonymous'} GET {url} {query!r}: {status}"
