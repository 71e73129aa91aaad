"""The cost of the public intake request: the receipt is issued after a few queries, the analysis after."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.models import AuditEntry
from danvan.petitions.models import Petition, PetitionHistory

pytestmark = pytest.mark.django_db


def test_a_public_submission_is_stored_and_receipted_in_a_few_queries_and_analysed_after(
    make_data: Any, client: Any, settings: Any
) -> None:
    settings.PETITIONS_ENRICH_SYNC = False
    data = make_data()
    data.pop("place_code")
    data["address"] = "Xã Tân Thành, tỉnh Lạng Sơn"
    client.get("/petitions/gui-don/")
    assert client.post("/petitions/gui-don/", data).status_code == 302  # warms the territory cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.post("/petitions/gui-don/", data)
    petition = Petition.objects.order_by("-pk").first()
    assert petition is not None and petition.enrich_queued_at is not None
    assert response.status_code == 302 and response["Location"].endswith(
        f"/bien-nhan/{petition.tracking_code}/"
    )
    assert PetitionHistory.objects.filter(petition=petition, action="receive").count() == 1
    assert AuditEntry.objects.filter(object_type="petitions.petition", object_id=str(petition.pk)).exists()
    # the rate limiter's counter lives in the cache shared by all processes (the database by default); the
    # receipt's confirmation key travels in a signed cookie, so the session is neither read nor written
    limiter = [q["sql"] for q in ctx.captured_queries if "danvan_cache" in q["sql"]]
    session = [q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"]]
    queries = [
        q["sql"]
        for q in ctx.captured_queries
        if "danvan_cache" not in q["sql"] and "django_session" not in q["sql"]
    ]
    assert session == []
    assert (
        len(limiter) <= 4
    )  # read, then lock (PostgreSQL's FOR UPDATE; SQLite locks by the write), read and write the counter
    writes = [sql for sql in queries if sql.startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 4  # the petition, its history row, the audit row and the audit chain head
    # + the rules' change stamp and the audit chain head (locked); the territory, routing and deadline
    # rules are read from memory. Savepoints (the test's transaction, the limiter's and the session's
    # atomic blocks) are not work.
    work = [sql for sql in queries if "SAVEPOINT" not in sql]
    assert len(work) <= 7, "\n".join(sql[:80] for sql in work)
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    for table in (
        "petitions_petitionband",
        "territory_adminunit",
        "petitions_routingrule",
        "petitions_deadlinerule",
    ):
        assert table not in sql
