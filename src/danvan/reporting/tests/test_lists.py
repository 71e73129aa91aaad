"""Reporting's lists as officers expect them (#20 item 5): the subordinate reports, the tasks and the
conferences sort, count, page and keep saved filters; ticked reports are accepted and ticked tasks
recorded as done through the shared machinery (core.lists), all or nothing, offered only to those the
rulebook allows."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.conftest import Units, client_for
from danvan.reporting import services
from danvan.reporting.models import Period, Report, ReportStatus, Task, TaskStatus
from danvan.reporting.tests.test_reports import _filled

pytestmark = pytest.mark.django_db

TASKS = "/reporting/tasks/"


def _reports(units: Units, year: Period, alice: Any, bob: Any, *, submit_b: bool = True) -> list[Report]:
    a = _filled(services.start_report(actor=alice, unit=units.commune_a, period=year), alice)
    b = _filled(services.start_report(actor=bob, unit=units.commune_b, period=year), bob)
    services.submit_report(actor=alice, report=a)
    if submit_b:
        services.submit_report(actor=bob, report=b)
    return [a, b]


def _list(units: Units, year: Period) -> str:
    return f"/reporting/reports/?period={year.pk}&unit={units.province.code}"


def test_the_province_accepts_ticked_subordinate_reports_in_one_go(
    units: Units, year: Period, alice: Any, bob: Any, pat: Any
) -> None:
    a, b = _reports(units, year, alice, bob)
    c = client_for(pat)
    page = c.get(_list(units, year)).content.decode()
    assert 'value="accept"' in page and f'value="{a.pk}"' in page and 'aria-sort="ascending"' in page
    response = c.post("/reporting/reports/bulk/", {"ids": [a.pk, b.pk], "action": "accept"})
    assert response.status_code == 302
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.ACCEPTED}


def test_a_draft_among_the_ticked_reports_stops_the_whole_acceptance(
    units: Units, year: Period, alice: Any, bob: Any, pat: Any
) -> None:
    a, b = _reports(units, year, alice, bob, submit_b=False)
    response = client_for(pat).post(
        "/reporting/reports/bulk/", {"ids": [a.pk, b.pk], "action": "accept"}, follow=True
    )
    text = response.content.decode()
    assert units.commune_b.name in text and "Không dòng nào được ghi" in text
    a.refresh_from_db()
    assert a.status == ReportStatus.SUBMITTED


def test_a_commune_officer_is_not_offered_acceptance_of_reports(
    units: Units, year: Period, alice: Any, bob: Any, carol: Any
) -> None:
    _reports(units, year, alice, bob)
    page = client_for(carol).get(_list(units, year)).content.decode()
    assert 'value="accept"' not in page and 'value="export_xlsx"' in page


def _tasks(units: Units, pat: Any) -> list[Task]:
    conference = services.create_conference(
        actor=pat, unit=units.province, kind="tong_ket", title="Tổng kết 2025 tỉnh", held_on=dt.date(2025, 12, 28),
        chairs=[{"name": "B", "title": "Trưởng ban"}], online=False, bridge_points=[], documents=[],
    )  # fmt: skip
    services.assign_tasks(actor=pat, conference=conference, title="Tổ chức đối thoại", due_on=dt.date(2026, 3, 31),
                          units=[units.commune_a, units.commune_b])  # fmt: skip
    return list(Task.objects.order_by("unit__path"))


def test_ticked_tasks_are_recorded_as_done_today_and_exported(units: Units, pat: Any) -> None:
    a, b = _tasks(units, pat)
    c = client_for(pat)
    page = c.get(TASKS).content.decode()
    assert 'value="complete_task"' in page and "Tổng số: 2" in page
    c.post("/reporting/tasks/bulk/", {"ids": [a.pk, b.pk], "action": "complete_task"})
    assert set(Task.objects.values_list("status", flat=True)) == {TaskStatus.DONE}
    xlsx = c.post("/reporting/tasks/bulk/", {"ids": [b.pk], "action": "export_xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "Nhiệm vụ" and rows[1][2] == units.commune_b.name


def test_a_task_already_done_stops_the_whole_batch(units: Units, pat: Any, alice: Any) -> None:
    a, b = _tasks(units, pat)
    services.complete_task(actor=alice, task=a, done_on=dt.date(2026, 3, 20))
    response = client_for(pat).post(
        "/reporting/tasks/bulk/", {"ids": [a.pk, b.pk], "action": "complete_task"}, follow=True
    )
    assert "Không dòng nào được ghi" in response.content.decode()
    b.refresh_from_db()
    assert b.status == TaskStatus.OPEN


def test_a_supervisor_sees_the_tasks_sorted_and_paged_but_is_offered_no_completion(
    units: Units, pat: Any, carol: Any
) -> None:
    _tasks(units, pat)
    c = client_for(carol)
    response = c.get(TASKS, {"sort": "-unit", "per_page": "100"})
    page = response.content.decode()
    assert 'value="complete_task"' not in page and 'aria-sort="descending"' in page
    assert [t.unit for t in response.context["page"]] == [units.commune_b, units.commune_a]
    assert response.context["page"].paginator.per_page == 100 and 'data-testid="saved-filters"' in page


def test_the_conference_list_sorts_counts_and_keeps_the_filters(units: Units, pat: Any) -> None:
    _tasks(units, pat)
    page = client_for(pat).get("/reporting/conferences/", {"sort": "title", "q": "Tổng"}).content.decode()
    assert "Tổng số: 1" in page and 'aria-sort="ascending"' in page and 'name="sort" value="title"' in page
