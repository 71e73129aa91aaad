"""Situation reports: a collaborator files, the commune forwards or returns; bad input refused whole."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import NotPermitted, Refused
from danvan.situation import selectors, services
from danvan.situation.models import ReportSchedule, Signal, SituationReport
from danvan.territory.models import Village

pytestmark = pytest.mark.django_db


def _file(actor: Any, unit: Any, topic: Any, **kw: Any) -> SituationReport:
    args: dict[str, Any] = {
        "kind": "event",
        "topics": [topic["moi_truong"]],
        "mood": "concerned",
        "people_say": "Bà con phản ánh nước giếng có mùi lạ sau khi nhà máy xả thải.",
        "event_on": clock.today(),
    }
    args.update(kw)
    return services.file_report(actor=actor, unit=unit, **args)


def test_a_collaborator_files_a_report_and_it_becomes_a_ledger_signal(
    units: Any, cuong: Any, topic: Any
) -> None:
    report = _file(cuong, units.commune_a, topic)
    assert report.state == "submitted" and report.author == cuong
    assert report.history.get().action == "file_report"
    signal = Signal.objects.get(source="report", source_id=report.pk)
    assert signal.unit == units.commune_a and signal.province == units.province
    assert signal.topic == topic["moi_truong"]


def test_a_collaborator_cannot_report_for_a_commune_outside_their_scope(
    units: Any, cuong: Any, topic: Any
) -> None:
    with pytest.raises(NotPermitted):
        _file(cuong, units.commune_b, topic)
    assert not SituationReport.objects.exists() and not Signal.objects.exists()


def test_the_form_says_so_in_vietnamese_when_the_commune_is_out_of_scope(
    units: Any, cuong: Any, topic: Any
) -> None:
    client = client_for(cuong)
    response = client.post(
        "/situation/bao-cao/moi/",
        {
            "unit": units.commune_b.code,
            "kind": "event",
            "event_on": clock.today().strftime("%d/%m/%Y"),
            "topics": [topic["moi_truong"].pk],
            "mood": "tense",
            "people_say": "Bà con bức xúc.",
        },
    )
    assert response.status_code == 400
    assert "trong phạm vi của bạn" in response.content.decode()
    assert not SituationReport.objects.exists()


def test_a_malformed_date_is_refused_with_a_vietnamese_message_and_nothing_saved(
    units: Any, cuong: Any, topic: Any
) -> None:
    response = client_for(cuong).post(
        "/situation/bao-cao/moi/",
        {
            "unit": units.commune_a.code,
            "kind": "event",
            "event_on": "31/02/2026",
            "topics": [topic["moi_truong"].pk],
            "mood": "tense",
            "people_say": "Bà con bức xúc.",
        },
    )
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not SituationReport.objects.exists()


def test_an_event_in_the_future_is_refused(units: Any, cuong: Any, topic: Any) -> None:
    with pytest.raises(Refused, match="không thể sau hôm nay"):
        _file(cuong, units.commune_a, topic, event_on=clock.today() + dt.timedelta(days=3))


def test_a_phone_number_in_what_people_say_is_refused_and_nothing_is_saved(
    units: Any, cuong: Any, topic: Any
) -> None:
    with pytest.raises(Refused, match="danh tính") as exc:
        _file(
            cuong,
            units.commune_a,
            topic,
            people_say="Ông Nguyễn Văn Tố, số 0912 345 678, tố cáo trưởng thôn.",
        )
    assert exc.value.field == "people_say"
    assert not SituationReport.objects.exists() and not Signal.objects.exists()


def test_a_village_of_another_commune_is_refused(units: Any, cuong: Any, topic: Any) -> None:
    v = Village.objects.create(unit=units.commune_b, code="X1", name="Thôn Khác", created_at=clock.now())
    with pytest.raises(Refused, match="không thuộc xã này"):
        _file(cuong, units.commune_a, topic, village=v)


def test_a_periodic_report_filed_after_its_due_date_is_flagged_late(
    units: Any, cuong: Any, topic: Any
) -> None:
    ReportSchedule.objects.create(unit=units.province, frequency="monthly", grace_days=5)
    old = clock.today().replace(day=1) - dt.timedelta(days=40)
    late = _file(cuong, units.commune_a, topic, kind="periodic", period_day=old, event_on=None)
    assert late.is_late and late.period_start == old.replace(day=1)
    current = _file(cuong, units.commune_a, topic, kind="periodic", period_day=clock.today(), event_on=None)
    assert not current.is_late


def test_a_collaborator_who_missed_the_last_period_is_listed_for_the_officer(
    units: Any, cuong: Any, alice: Any
) -> None:
    ReportSchedule.objects.create(unit=units.province, frequency="monthly", grace_days=0)
    from danvan.accounts.scoping import scope_for

    missing = selectors.missing_reports(scope_for(alice), today=clock.today().replace(day=2))
    assert [m.user for m in missing] == [cuong]


def test_the_commune_officer_returns_and_forwards_and_the_collaborator_resubmits(
    units: Any, cuong: Any, alice: Any, topic: Any
) -> None:
    report = _file(cuong, units.commune_a, topic)
    with pytest.raises(Refused, match="cần bổ sung"):
        services.return_report(actor=alice, report=report, note="")
    report = services.return_report(actor=alice, report=report, note="Cần nói rõ bao nhiêu hộ.")
    with pytest.raises(NotPermitted):
        services.forward(actor=cuong, report=report)
    report = services.resubmit(actor=cuong, report=report, people_say="Khoảng 30 hộ phản ánh nước có mùi.")
    report = services.forward(actor=alice, report=report, note="Đã báo cáo huyện.")
    assert report.state == "forwarded" and report.forwarded_on == clock.today()
    assert [h.action for h in report.history.all()] == ["file_report", "return_report", "resubmit", "forward"]


def test_a_collaborator_sees_their_own_reports_but_no_other_module(
    units: Any, cuong: Any, topic: Any
) -> None:
    report = _file(cuong, units.commune_a, topic)
    client = client_for(cuong)
    assert client.get(f"/situation/bao-cao/{report.pk}/").status_code == 200
    assert client.get("/situation/so-theo-doi/").status_code == 403
    assert client.get("/situation/diem-nong/").status_code == 403
    from danvan.accounts.scoping import scope_for

    scope = scope_for(cuong)
    assert scope.is_collaborator and not scope.is_staff_member
    assert not scope.can_see(units.commune_a)  # other modules' records stay out of a collaborator's reach


def test_an_officer_of_another_commune_gets_404_on_a_report(
    units: Any, cuong: Any, bob: Any, topic: Any
) -> None:
    report = _file(cuong, units.commune_a, topic)
    assert client_for(bob).get(f"/situation/bao-cao/{report.pk}/").status_code == 404


def test_the_report_form_keeps_a_draft_in_the_browser(cuong: Any) -> None:
    html = client_for(cuong).get("/situation/bao-cao/moi/").content.decode()
    assert 'data-draft-key="situation-report-draft"' in html and "report-draft.js" in html
