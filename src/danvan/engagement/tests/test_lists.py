"""Engagement's lists as officers expect them (#20 item 5): sorting, totals, page size, saved filters and
bulk actions on commitments through the shared machinery (core.lists), all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.models import AuditEntry
from danvan.engagement import services
from danvan.engagement.models import Commitment, CommitmentState
from danvan.engagement.tests.helpers import held

pytestmark = pytest.mark.django_db

LIST = "/engagement/commitments/"
BULK = "/engagement/commitments/bulk/"


def _commitments(alice: Any, hanna: Any, units: Any, n: int = 2) -> list[Commitment]:
    dialogue = held(alice, units.commune_a, clock.today() - dt.timedelta(days=20))
    return [
        services.create_commitment(
            actor=alice,
            dialogue=dialogue,
            content=f"Cam kết số {i}",
            owner=hanna,
            due_date=clock.today() + dt.timedelta(days=10 + i),
        )
        for i in range(n)
    ]


def test_an_officer_is_offered_the_moves_the_rulebook_allows_and_the_export(
    alice: Any, hanna: Any, units: Any
) -> None:
    _commitments(alice, hanna, units)
    page = client_for(alice).get(LIST).content.decode()
    assert 'data-testid="bulk"' in page and 'value="start"' in page and 'value="complete"' in page
    assert 'value="export_xlsx"' in page and 'name="ids"' in page


def test_a_supervisor_is_offered_only_the_export_since_the_rulebook_gives_no_moves(
    alice: Any, hanna: Any, carol: Any, units: Any
) -> None:
    _commitments(alice, hanna, units)
    page = client_for(carol).get(LIST).content.decode()
    assert 'value="export_xlsx"' in page and 'value="start"' not in page and 'value="complete"' not in page


def test_ticked_commitments_are_marked_done_in_one_go(alice: Any, hanna: Any, units: Any) -> None:
    a, b = _commitments(alice, hanna, units)
    response = client_for(alice).post(
        BULK, {"ids": [a.pk, b.pk], "action": "complete", "query": "state=open"}
    )
    assert response.status_code == 302 and response["Location"] == LIST + "?state=open"
    assert set(Commitment.objects.values_list("state", flat=True)) == {CommitmentState.DONE}
    assert all(c.history.filter(action="complete").exists() for c in Commitment.objects.all())


def test_one_refused_row_writes_nothing_and_the_message_names_it(alice: Any, hanna: Any, units: Any) -> None:
    a, b = _commitments(alice, hanna, units)
    services.follow_up_commitment(actor=alice, commitment=b, state=CommitmentState.DONE)
    c = client_for(alice)
    response = c.post(BULK, {"ids": [a.pk, b.pk], "action": "start"}, follow=True)
    text = response.content.decode()
    assert f"Cam kết #{b.pk}" in text and "Không dòng nào được ghi" in text
    a.refresh_from_db()
    assert a.state == CommitmentState.OPEN and not a.history.filter(action="start").exists()


def test_rows_outside_the_persons_scope_are_not_touched(alice: Any, hanna: Any, bob: Any, units: Any) -> None:
    a, _b = _commitments(alice, hanna, units)
    response = client_for(bob).post(BULK, {"ids": [a.pk], "action": "complete"}, follow=True)
    assert "Hãy đánh dấu ít nhất một dòng" in response.content.decode()
    a.refresh_from_db()
    assert a.state == CommitmentState.OPEN


def test_ticked_commitments_are_exported_as_xlsx_and_the_export_is_audited(
    alice: Any, hanna: Any, units: Any
) -> None:
    a, b = _commitments(alice, hanna, units)
    response = client_for(alice).post(BULK, {"ids": [b.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "Nội dung" and [r[0] for r in rows[1:]] == [b.content]
    assert AuditEntry.objects.filter(action="export", actor_id=alice.pk).count() == 1


def test_the_list_sorts_pages_counts_and_keeps_a_saved_filter(alice: Any, hanna: Any, units: Any) -> None:
    _commitments(alice, hanna, units, n=3)
    c = client_for(alice)
    down = [x.content for x in c.get(LIST, {"sort": "-due"}).context["page"]]
    assert down == ["Cam kết số 2", "Cam kết số 1", "Cam kết số 0"]
    response = c.get(LIST, {"state": "open", "sort": "-due", "per_page": "50"})
    page = response.content.decode()
    assert "Tổng số: 3" in page and response.context["page"].paginator.per_page == 50
    assert 'name="sort" value="-due"' in page and 'name="per_page" value="50"' in page  # kept by the filters
    c.post(
        "/accounts/bo-loc/",
        {
            "list_name": "engagement-commitments",
            "name": "Đang mở",
            "query": "state=open&sort=-due",
            "next": LIST,
        },
    )
    assert "Đang mở" in c.get(LIST).content.decode()
