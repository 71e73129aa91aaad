"""Hotspots: opened from a rising issue, linked by number only, tasks, escalation, closure; no identity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import NotPermitted, Refused
from danvan.situation import services
from danvan.situation.models import Hotspot, HotspotLink, RiseAlert

pytestmark = pytest.mark.django_db


def _alert(units: Any, topic: Any) -> RiseAlert:
    return RiseAlert.objects.create(
        unit=units.commune_a, topic=topic["moi_truong"], week_start=clock.today() - dt.timedelta(days=7),
        count=9, baseline=0.3, p_value=1e-7, created_at=clock.now(),
    )  # fmt: skip


def test_an_officer_opens_a_hotspot_from_a_rising_issue_and_the_alert_is_answered(
    units: Any, alice: Any, topic: Any
) -> None:
    alert = _alert(units, topic)
    client = client_for(alice)
    form = client.get(f"/situation/diem-nong/moi/?alert={alert.pk}").content.decode()
    assert "Môi trường, ô nhiễm" in form
    response = client.post(
        "/situation/diem-nong/moi/",
        {
            "unit": units.commune_a.code,
            "title": "Ô nhiễm nguồn nước thôn Nà Sla",
            "topic": topic["moi_truong"].pk,
            "risk": "high",
            "summary": "Chín hộ phản ánh trong tuần.",
            "responsible": [units.commune_a.code],
            "alert": alert.pk,
        },
    )
    assert response.status_code == 302
    h = Hotspot.objects.get()
    assert h.alert == alert and h.state == "open" and list(h.responsible.all()) == [units.commune_a]
    alert.refresh_from_db()
    assert alert.state == "answered" and "Ô nhiễm nguồn nước" in alert.answer


def test_a_hotspot_text_with_a_phone_number_is_refused_and_nothing_is_saved(
    units: Any, alice: Any, topic: Any
) -> None:
    with pytest.raises(Refused, match="danh tính") as exc:
        services.open_hotspot(
            actor=alice, unit=units.commune_a, title="Khiếu nại đông người", topic=topic["dat_dai"], risk="high",
            summary="Người tố cáo là bà Xuân, điện thoại 0987 654 321.",
        )  # fmt: skip
    assert exc.value.field == "summary"
    assert not Hotspot.objects.exists()


def test_a_petition_is_linked_by_its_code_only_and_its_senders_name_is_refused_in_the_texts(
    units: Any, root: Any, topic: Any
) -> None:
    from danvan.petitions import services as petitions

    petition = petitions.submit_petition(
        actor=None,
        channel="web",
        data={
            "kind": "denunciation",
            "title": "Tố cáo cán bộ địa chính",
            "content": "Cán bộ địa chính xã nhận tiền khi cấp sổ đỏ cho người dân trong xã.",
            "place_code": units.commune_a.code,
            "petitioner_name": "Lê Thị Xuân",
            "petitioner_phone": "0987654321",
            "petitioner_address": "Thôn 3",
            "accused": "Ông Lê Văn Tham, cán bộ địa chính",
            "accused_act": "Nhận tiền khi cấp sổ đỏ",
        },
    )
    h = services.open_hotspot(
        actor=root, unit=units.commune_a, title="Tố cáo về cấp sổ đỏ", topic=topic["dat_dai"], risk="medium",
        summary="Có đơn tố cáo về cấp giấy chứng nhận.", links=[("petition", petition.tracking_code)],
    )  # fmt: skip
    link = HotspotLink.objects.get(hotspot=h)
    assert (link.source_id, link.code) == (petition.pk, petition.tracking_code)
    assert not {f.name for f in HotspotLink._meta.get_fields()} & {"petitioner_name", "identity_enc"}
    with pytest.raises(Refused, match="danh tính"):
        services.close_hotspot(actor=root, hotspot=h, lesson="Bà Lê Thị Xuân đã được bảo vệ.")
    assert Hotspot.objects.get().state == "open"


def test_a_petition_outside_the_officers_scope_cannot_be_linked(units: Any, alice: Any, topic: Any) -> None:
    with pytest.raises(Refused, match="trong phạm vi của bạn"):
        services.open_hotspot(
            actor=alice, unit=units.commune_a, title="Điểm nóng", topic=topic["dat_dai"], risk="low",
            summary="Diễn biến.", links=[("petition", "DV-AAAA-BBBB-CCCC")],
        )  # fmt: skip
    assert not Hotspot.objects.exists()


def test_tasks_escalation_and_closure_with_the_lesson(units: Any, alice: Any, carol: Any, topic: Any) -> None:
    h = services.open_hotspot(
        actor=alice, unit=units.commune_a, title="Tranh chấp đất rừng", topic=topic["dat_dai"], risk="high",
        summary="Hai thôn tranh chấp ranh giới.",
    )  # fmt: skip
    with pytest.raises(Refused, match="Hạn thực hiện đã qua"):
        services.add_task(
            actor=alice,
            hotspot=h,
            text="Đo đạc lại",
            owner=units.commune_a,
            due_on=clock.today() - dt.timedelta(days=1),
        )
    h = services.add_task(
        actor=alice,
        hotspot=h,
        text="Đo đạc lại",
        owner=units.commune_a,
        due_on=clock.today() + dt.timedelta(days=7),
    )
    task = h.tasks.get()
    h = services.complete_task(actor=alice, hotspot=h, task_id=task.pk)
    h = services.escalate(actor=alice, hotspot=h, reason="Vượt thẩm quyền của xã.")
    assert h.state == "escalated" and h.escalated_to == units.province
    assert client_for(carol).get(f"/situation/diem-nong/{h.pk}/").status_code == 200
    with pytest.raises(Refused, match="bài học"):
        services.close_hotspot(actor=alice, hotspot=h, lesson="")
    h = services.close_hotspot(actor=alice, hotspot=h, lesson="Đo đạc có mặt hai thôn.")
    assert h.state == "closed" and h.closed_on == clock.today()
    with pytest.raises(Refused):
        services.add_task(actor=alice, hotspot=h, text="Thêm", owner=units.commune_a, due_on=clock.today())


def test_an_officer_of_another_commune_cannot_open_a_hotspot_here(units: Any, bob: Any, topic: Any) -> None:
    with pytest.raises(NotPermitted):
        services.open_hotspot(
            actor=bob, unit=units.commune_a, title="X", topic=topic["dat_dai"], risk="low", summary="Y"
        )
