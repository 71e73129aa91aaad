from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import Units, client_for
from danvan.core.models import AuditEntry
from danvan.core.workflow import Refused
from danvan.reporting import selectors, services
from danvan.reporting.models import BridgePoint, Conference, Period, Task
from danvan.reporting.rollup import figures_for_period
from danvan.territory.services import NATION_NAME

pytestmark = pytest.mark.django_db


def _national_conference(units: Units, actor: Any) -> Conference:
    return services.create_conference(
        actor=actor,
        unit=units.nation,
        kind="tổng kết",
        title="Hội nghị trực tuyến toàn quốc tổng kết công tác dân vận năm 2025",
        held_on=dt.date(2025, 12, 20),
        chairs=[{"name": "Nguyễn Văn A", "title": "Trưởng Ban Dân vận Trung ương"}],
        online=True,
        bridge_points=[
            {"unit": units.province, "chair": "Phó Bí thư Tỉnh ủy", "participants": 120},
            {"unit": "96", "chair": "Trưởng Ban Tuyên giáo và Dân vận", "participants": "85"},
        ],
        documents=["25-NQ/TW", "43-KL/TW", "23-QĐ/TW", "25-NQ/TW"],
        conclusions="Tiếp tục đổi mới nội dung, phương thức công tác dân vận.",
        source="https://baochinhphu.vn/…",
    )


def test_a_conference_is_recorded_in_one_step_with_its_bridge_points(units: Units, nora: Any) -> None:
    conference = _national_conference(units, nora)
    assert conference.kind == "tong_ket" and conference.online
    assert conference.documents == ["25-NQ/TW", "43-KL/TW", "23-QĐ/TW"]
    points = {
        b.unit.code: (b.chair, b.participants) for b in BridgePoint.objects.filter(conference=conference)
    }
    assert points == {"20": ("Phó Bí thư Tỉnh ủy", 120), "96": ("Trưởng Ban Tuyên giáo và Dân vận", 85)}
    assert AuditEntry.objects.filter(
        object_type="reporting.conference", object_id=str(conference.pk)
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "hội thảo"}, "Loại hội nghị"),
        ({"chairs": []}, "ít nhất một người chủ trì"),
        ({"online": False}, "trực tuyến"),
        ({"bridge_points": [{"unit": "không có", "participants": 1}]}, "Không xác định được đơn vị"),
        ({"bridge_points": [{"unit": "20", "participants": "nhiều"}]}, "số nguyên"),
    ],
)
def test_a_conference_with_bad_input_is_refused_and_nothing_is_saved(
    units: Units, nora: Any, changes: dict[str, Any], message: str
) -> None:
    args: dict[str, Any] = {
        "actor": nora, "unit": units.nation, "kind": "sơ kết", "title": "Hội nghị sơ kết", "held_on": dt.date(2026, 7, 10),
        "chairs": [{"name": "A", "title": "B"}], "online": True, "bridge_points": [{"unit": "20"}], "documents": [],
    }  # fmt: skip
    args.update(changes)
    with pytest.raises(Refused, match=message):
        services.create_conference(**args)
    assert not Conference.objects.exists() and not BridgePoint.objects.exists()


def test_directives_become_tasks_counted_in_the_next_period_and_tracked_to_done(
    units: Units, year: Period, half: Period, pat: Any, alice: Any
) -> None:
    conference = services.create_conference(
        actor=pat, unit=units.province, kind="tong_ket", title="Tổng kết 2025 tỉnh", held_on=dt.date(2025, 12, 28),
        chairs=[{"name": "B", "title": "Trưởng ban"}], online=False, bridge_points=[], documents=["23-QĐ/TW"],
    )  # fmt: skip
    services.assign_tasks(actor=pat, conference=conference, title="Tổ chức đối thoại", due_on=dt.date(2026, 3, 31),
                          units=[units.commune_a, units.commune_b])  # fmt: skip
    task_a = Task.objects.get(unit=units.commune_a)
    services.complete_task(actor=alice, task=task_a, done_on=dt.date(2026, 3, 20), result="Đã đối thoại")
    figures = figures_for_period(
        half, codes=["reporting.tasks_due", "reporting.tasks_on_time", "reporting.tasks_overdue"]
    )
    assert figures.value("reporting.tasks_due", units.province.pk) == 2
    assert figures.value("reporting.tasks_on_time", units.province.pk) == 50.0
    assert (
        figures.value("reporting.tasks_overdue", units.province.pk) == 1
    )  # commune B's task, open after 31/03
    assert figures.value("reporting.tasks_due", units.commune_b.pk) == 1
    in_year = figures_for_period(year, codes=["reporting.tasks_due", "reporting.conferences"])
    assert in_year.value("reporting.tasks_due", units.province.pk) == 0  # counted when due, not when assigned
    assert in_year.value("reporting.conferences", units.province.pk) == 1
    states = {t.unit_id: t.state(dt.date(2026, 4, 1)) for t in Task.objects.all()}
    assert states == {units.commune_a.pk: "done", units.commune_b.pk: "overdue"}


def test_tasks_can_only_go_to_units_under_the_host(units: Units, pat: Any) -> None:
    conference = services.create_conference(
        actor=pat, unit=units.province, kind="chuyen_de", title="Chuyên đề dân chủ cơ sở", held_on=dt.date(2026, 5, 5),
        chairs=[{"name": "B", "title": ""}], online=False, bridge_points=[], documents=[],
    )  # fmt: skip
    with pytest.raises(Refused, match="ngoài phạm vi"):
        services.assign_tasks(actor=pat, conference=conference, title="X", due_on=dt.date(2026, 6, 1),
                              units=[units.commune_c])  # fmt: skip
    assert not Task.objects.exists()


def test_the_conference_pages_are_scoped(units: Units, pat: Any, olga: Any, alice: Any) -> None:
    conference = services.create_conference(
        actor=pat, unit=units.province, kind="so_ket", title="Sơ kết 6 tháng tỉnh", held_on=dt.date(2026, 7, 5),
        chairs=[{"name": "B", "title": "Trưởng ban"}], online=False, bridge_points=[], documents=[],
    )  # fmt: skip
    assert client_for(pat).get(f"/reporting/conferences/{conference.pk}/").status_code == 200
    assert client_for(olga).get(f"/reporting/conferences/{conference.pk}/").status_code == 404
    assert "Sơ kết 6 tháng tỉnh" not in client_for(olga).get("/reporting/conferences/").content.decode()
    response = client_for(pat).post(
        f"/reporting/conferences/{conference.pk}/",
        {
            "title": "Rà soát đơn tồn",
            "due_on": "30/09/2026",
            "units-TOTAL_FORMS": "3",
            "units-INITIAL_FORMS": "0",
            "units-0-unit": units.commune_a.code,
            "units-1-unit": units.commune_b.code,
            "units-2-unit": "",
        },
    )
    assert response.status_code == 302 and Task.objects.count() == 2
    assert selectors.tasks(selectors_scope(alice)).count() == 1


def selectors_scope(user: Any) -> Any:
    from danvan.accounts.scoping import scope_for

    return scope_for(user)


def test_the_conference_form_parses_chairs_and_bridge_points(units: Units, nora: Any) -> None:
    response = client_for(nora).post(
        "/reporting/conferences/new/",
        {"kind": "tong_ket", "title": "Tổng kết 10 năm Nghị quyết 25", "held_on": "15/06/2023", "unit": NATION_NAME,
         "chairs": "Nguyễn A | Trưởng Ban\nTrần B | Phó Trưởng Ban", "online": "on",
         "bp-TOTAL_FORMS": "3", "bp-INITIAL_FORMS": "0", "bp-0-unit": "20", "bp-0-chair": "Bí thư",
         "bp-0-participants": "100", "bp-1-unit": "96", "bp-1-participants": "50",
         "documents": "25-NQ/TW, 43-KL/TW", "conclusions": "…"},
    )  # fmt: skip
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert [c["title"] for c in conference.chairs] == ["Trưởng Ban", "Phó Trưởng Ban"]
    assert conference.bridge_points.count() == 2
    bad = client_for(nora).post("/reporting/conferences/new/", {"kind": "tong_ket", "title": "X", "held_on": "31/02/2026",
                                                               "unit": NATION_NAME, "chairs": "A | B", "bp-TOTAL_FORMS": "0", "bp-INITIAL_FORMS": "0"})  # fmt: skip
    assert "Ngày không hợp lệ" in bad.content.decode()


def test_a_commune_sees_its_task_from_a_province_conference_without_a_link_it_could_not_open(
    units: Units, pat: Any, alice: Any
) -> None:
    conference = services.create_conference(
        actor=pat, unit=units.province, kind="so_ket", title="Sơ kết 6 tháng tỉnh", held_on=dt.date(2026, 7, 5),
        chairs=[{"name": "B", "title": "Trưởng ban"}], online=False, bridge_points=[], documents=[],
    )  # fmt: skip
    services.assign_tasks(actor=pat, conference=conference, title="Rà soát đơn tồn", due_on=dt.date(2026, 9, 30),
                          units=[units.commune_a])  # fmt: skip
    url = f"/reporting/conferences/{conference.pk}/"
    page = client_for(alice).get("/reporting/tasks/").content.decode()
    assert "Sơ kết 6 tháng tỉnh" in page and url not in page
    assert client_for(alice).get(url).status_code == 404
    assert url in client_for(pat).get("/reporting/tasks/").content.decode()
