"""Agencies and enterprises: the register per unit, the yearly conference and workplace dialogues, compliance."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.democracy import selectors, services
from danvan.democracy.models import Workplace, WorkplaceMeeting, WorkplaceRule

pytestmark = pytest.mark.django_db


def _agency(actor: Any, unit: Any, name: str = "UBND xã A") -> Workplace:
    return services.register_workplace(actor=actor, unit=unit, kind="agency", name=name, employees=25)


def _held(actor: Any, w: Workplace, kind: str, year: int, held_on: dt.date) -> WorkplaceMeeting:
    m = services.plan_meeting(actor=actor, workplace=w, kind=kind, year=year, planned_on=held_on)
    return services.hold_meeting(actor=actor, meeting=m, held_on=held_on, attendees=20, minutes="Nghị quyết")


def test_an_officer_registers_an_enterprise_and_plans_and_holds_its_conference_from_the_pages(
    alice: Any, units: Any
) -> None:
    client = client_for(alice)
    r = client.post(
        "/democracy/co-quan/",
        {
            "unit": units.commune_a.code,
            "kind": "enterprise",
            "name": " Công ty  May Lạng Sơn ",
            "employees": 120,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    w = Workplace.objects.get()
    assert w.name == "Công ty May Lạng Sơn" and w.unit == units.commune_a
    today = clock.today()
    r = client.post(
        f"/democracy/co-quan/{w.pk}/",
        {"kind": "conference", "year": today.year, "planned_on": today.strftime("%d/%m/%Y")},
    )
    assert r.status_code == 302
    m = WorkplaceMeeting.objects.get()
    r = client.post(
        f"/democracy/hoi-nghi/{m.pk}/hold_meeting/",
        {"hold-version": m.version, "hold-held_on": today.strftime("%d/%m/%Y"), "hold-attendees": 100,
         "hold-minutes": "Thông qua thỏa ước lao động tập thể."},
    )  # fmt: skip
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.state == "held" and m.attendees == 100 and not m.is_late
    assert m.history.get().action == "hold_meeting"
    page = client.get(f"/democracy/hoi-nghi/{m.pk}/").content.decode()
    assert "Thông qua thỏa ước" in page


def test_bad_workplace_input_gets_a_vietnamese_message_and_saves_nothing(alice: Any, units: Any) -> None:
    client = client_for(alice)
    w = _agency(alice, units.commune_a)
    r = client.post(
        "/democracy/co-quan/", {"unit": units.commune_a.code, "kind": "agency", "name": "ubnd XÃ a"}
    )
    assert r.status_code == 400 and "đã có trong danh sách" in r.content.decode()
    r = client.post(f"/democracy/co-quan/{w.pk}/", {"kind": "dialogue", "year": clock.today().year,
                                                    "planned_on": clock.today().strftime("%d/%m/%Y")})  # fmt: skip
    assert (
        r.status_code == 400
        and "Đối thoại định kỳ tại nơi làm việc là của doanh nghiệp" in r.content.decode()
    )
    m = services.plan_meeting(actor=alice, workplace=w, kind="conference", year=clock.today().year,
                              planned_on=clock.today())  # fmt: skip
    with pytest.raises(Refused, match="đã có hội nghị năm"):
        services.plan_meeting(actor=alice, workplace=w, kind="conference", year=clock.today().year,
                              planned_on=clock.today())  # fmt: skip
    r = client.post(
        f"/democracy/hoi-nghi/{m.pk}/hold_meeting/",
        {"hold-version": m.version, "hold-held_on": clock.today().strftime("%d/%m/%Y"), "hold-attendees": 30,
         "hold-minutes": "X"},
    )  # fmt: skip
    assert r.status_code == 400 and "lớn hơn số cán bộ, người lao động đã đăng ký (25)" in r.content.decode()
    r = client.post(f"/democracy/hoi-nghi/{m.pk}/hold_meeting/",
                    {"hold-version": m.version, "hold-held_on": "31/02/2026", "hold-attendees": 3, "hold-minutes": "X"})  # fmt: skip
    assert r.status_code == 400 and "Ngày không hợp lệ" in r.content.decode()
    m.refresh_from_db()
    assert m.state == "planned" and m.history.count() == 0 and WorkplaceMeeting.objects.count() == 1


def test_an_officer_of_commune_b_cannot_see_commune_a_workplaces(alice: Any, bob: Any, units: Any) -> None:
    w = _agency(alice, units.commune_a)
    client = client_for(bob)
    assert client.get(f"/democracy/co-quan/{w.pk}/").status_code == 404
    assert w.name not in client.get("/democracy/co-quan/").content.decode()
    with pytest.raises(Refused):
        services.plan_meeting(actor=bob, workplace=w, kind="conference", year=clock.today().year,
                              planned_on=clock.today())  # fmt: skip


def test_compliance_counts_held_late_planned_missing_and_enterprise_dialogues(root: Any, units: Any) -> None:
    year = clock.today().year - 1  # a past year: every due day has passed
    on_time = _agency(root, units.commune_a, "Trường Tiểu học A")
    late = _agency(root, units.commune_a, "Trạm Y tế A")
    missing = _agency(root, units.commune_b, "UBND xã B")
    firm = services.register_workplace(
        actor=root, unit=units.province, kind="enterprise", name="Công ty Xi măng"
    )
    firm_no_dialogue = services.register_workplace(
        actor=root, unit=units.province, kind="enterprise", name="Công ty Chè"
    )
    WorkplaceRule.objects.update(conference_due_month=3, conference_due_day=31)  # due by the end of March
    _held(root, on_time, "conference", year, dt.date(year, 3, 20))
    m = _held(root, late, "conference", year, dt.date(year, 5, 2))
    assert m.is_late and m.due_on == dt.date(year, 3, 31)
    _held(root, firm, "conference", year, dt.date(year, 1, 15))
    _held(root, firm, "dialogue", year, dt.date(year, 6, 1))
    _held(root, firm_no_dialogue, "conference", year, dt.date(year, 2, 1))
    cancelled = services.plan_meeting(actor=root, workplace=missing, kind="conference", year=year,
                                      planned_on=dt.date(year, 3, 1))  # fmt: skip
    services.cancel_meeting(actor=root, meeting=cancelled, reason="Hoãn")
    total, rows = selectors.workplace_compliance(units.province, year, dialogues_per_year=1)
    status = {r.workplace.name: (r.status, r.compliant) for r in rows}
    assert status == {
        "Trường Tiểu học A": ("held", True),
        "Trạm Y tế A": ("late", False),
        "UBND xã B": ("missing", False),
        "Công ty Xi măng": ("held", True),
        "Công ty Chè": ("held", False),
    }
    assert (total.workplaces, total.compliant, total.late, total.missing, total.lacking_dialogue) == (
        5,
        2,
        1,
        1,
        1,
    )
    assert total.by_kind["enterprise"] == {"workplaces": 2, "compliant": 1}
    a_total, _rows = selectors.workplace_compliance(units.commune_a, year, dialogues_per_year=1)
    assert a_total.workplaces == 2


def test_the_compliance_page_lists_what_is_not_done_for_a_province_supervisor(
    root: Any, carol: Any, units: Any
) -> None:
    _agency(root, units.commune_b, "UBND xã B")
    page = client_for(carol).get(f"/democracy/co-quan/tuan-thu/?unit={units.province.code}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "UBND xã B" in html and "0/1" in html


def test_workplace_conferences_are_an_indicator_rolled_up_equal_to_its_recount_and_in_the_docx(
    root: Any, alice: Any, units: Any
) -> None:
    from docx import Document

    from danvan.reporting import exports
    from danvan.reporting import selectors as reporting_selectors
    from danvan.reporting import services as reporting_services
    from danvan.reporting.models import Period
    from danvan.reporting.registry import get_indicator
    from danvan.reporting.rollup import figures_for_period, value_of

    today = clock.today()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    _held(root, _agency(root, units.commune_a), "conference", today.year, today)
    _held(root, _agency(root, units.commune_b, "UBND xã B"), "conference", today.year, today)
    firm = services.register_workplace(
        actor=root, unit=units.commune_a, kind="enterprise", name="Công ty Chè"
    )
    _held(root, firm, "dialogue", today.year, today)
    services.plan_meeting(actor=root, workplace=firm, kind="conference", year=today.year, planned_on=today)
    period = Period.objects.create(kind="annual", name=f"Năm {today.year}", start=start, end=end)
    figures = figures_for_period(period, live=True)
    conferences = get_indicator("democracy.workplace_conferences")
    dialogues = get_indicator("democracy.workplace_dialogues")
    assert conferences and dialogues and conferences.compute and conferences.recount
    assert value_of(conferences, figures.totals[conferences.code].get(units.province.pk)) == 2
    assert value_of(conferences, figures.totals[conferences.code].get(units.commune_a.pk)) == 1
    assert value_of(dialogues, figures.totals[dialogues.code].get(units.nation.pk)) == 1
    assert sorted((f.unit_id, f.numerator) for f in conferences.compute(start, end)) == sorted(
        (f.unit_id, f.numerator) for f in conferences.recount(start, end)
    )
    report = reporting_services.start_report(
        actor=alice, unit=units.commune_a, period=period, body_kind="state"
    )
    tables = reporting_selectors.report_tables(report)
    document = Document(io.BytesIO(exports.report_docx(report, tables)))
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert str(conferences.name) in text
