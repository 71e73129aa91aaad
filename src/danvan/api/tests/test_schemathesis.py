"""Property-based tests of the REST API against its own OpenAPI document (schemathesis).

Every operation gets a few generated requests, valid and invalid, with a write token; the answers must
never be 5xx, must match the documented status codes, content types and schemas, and schema-violating
requests must be refused. Bounded: a few
examples per operation, no shrinking, no example database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import positive_data_acceptance

from danvan.api import tokens
from danvan.conftest import Units

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    """Like Django's test client: a request must not close the test's database connection (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_header(units: Units, fields: Any, _keep_test_connection: None) -> dict[str, str]:
    _, raw = tokens.create_token(actor=None, name="schemathesis", unit=units.province, scope="write")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_documented_schema_and_never_with_a_5xx(
    case: Any, auth_header: dict[str, str]
) -> None:
    # A schema-valid body may still break a business rule (a complaint must name the decision, the
    # place must resolve to a commune...): a 400 with a field message is then the right answer.
    case.call_and_validate(headers=auth_header, excluded_checks=[positive_data_acceptance])
