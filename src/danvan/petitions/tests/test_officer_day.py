"""The petition pages an officer works on all day (#14 cases 4 and 7, items 5 and 7)."""

from __future__ import annotations

import pytest

from danvan.conftest import client_for
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.territory.models import AdminUnit, LegacyProvince

pytestmark = pytest.mark.django_db


def test_a_transfer_out_of_the_officers_sight_goes_back_to_the_list_saying_where_it_went(
    make_data, alice, units
):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    response = client_for(alice).post(
        f"/petitions/{p.pk}/transfer/",
        {
            "version": p.version,
            "to_unit": units.commune_c.name,
            "reason": "Không thuộc thẩm quyền",
            "confirm": "on",
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/petitions/"
    assert "Đã cập nhật đơn." not in page
    from danvan.territory import naming

    body = naming.competent_body(units.commune_c, "feedback")  # a body, not a territory: "UBND xã …"
    assert f"Đã chuyển đơn {p.tracking_code} đến {body}" in page
    assert Petition.objects.get(pk=p.pk).unit_id == units.commune_c.pk


def test_the_transfer_field_is_the_unit_picker_taking_names_without_diacritics_and_old_province_names(
    make_data, alice, units
):
    from danvan.territory.names import lookup_key

    p = services.submit_petition(actor=None, channel="web", data=make_data())
    c = client_for(alice)
    page = c.get(f"/petitions/{p.pk}/").content.decode()
    assert 'hx-get="/territory/moi-don-vi/?field=to_unit"' in page or "moi-don-vi" in page
    folded = lookup_key(units.commune_c.name)
    options = c.get("/territory/moi-don-vi/", {"field": "to_unit", "to_unit": folded}).content.decode()
    assert units.commune_c.name in options and f"({units.commune_c.code})" in options
    # Bạc Liêu (before 2025) is part of Cà Mau (96) today
    old = c.get("/territory/moi-don-vi/", {"q": "bac lieu"}).content.decode()
    assert AdminUnit.objects.get(code="96").name in old
    # an old province's name that no unit bears today leads to today's province
    old_province = next(
        o
        for o in LegacyProvince.objects.select_related("current")
        if not AdminUnit.objects.filter(folded_name=lookup_key(o.name)).exists()
    )
    response = c.post(
        f"/petitions/{p.pk}/transfer/",
        {"version": p.version, "to_unit": old_province.name, "reason": "Tỉnh", "confirm": "on"},
    )
    assert response.status_code == 302
    assert Petition.objects.get(pk=p.pk).unit_id == old_province.current_id


def test_an_unknown_unit_name_is_refused_beside_the_field_and_nothing_moves(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    response = client_for(alice).post(
        f"/petitions/{p.pk}/transfer/",
        {"version": p.version, "to_unit": "Xã Không Có Thật", "reason": "x", "confirm": "on"},
    )
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị “Xã Không Có Thật”" in response.content.decode()
    assert Petition.objects.get(pk=p.pk).unit_id == p.unit_id


def test_the_list_filters_by_a_unit_picked_by_name(make_data, carol, units):
    services.submit_petition(actor=None, channel="web", data=make_data())
    b = services.submit_petition(actor=None, channel="web", data=make_data(place_code=units.commune_b.code))
    c = client_for(carol)
    page = c.get("/petitions/").content.decode()
    assert '<select name="unit"' in page and "Mọi đơn vị" in page
    assert list(c.get("/petitions/", {"unit": units.commune_b.code}).context["page"]) == [b]
    assert list(c.get("/petitions/", {"unit": units.commune_b.name}).context["page"]) == [b]


def _resolved(make_data, alice, **data):
    p = services.submit_petition(actor=None, channel="web", data=make_data(**data))
    for move in (services.accept, services.start):
        p = move(actor=alice, petition=p)
    return p


def test_closing_a_case_asks_for_confirmation_and_nothing_closes_without_it(make_data, alice):
    p = _resolved(make_data, alice)
    p = services.resolve(actor=alice, petition=p, answer="Đã sửa xong.", answer_public=True)
    c = client_for(alice)
    page = c.get(f"/petitions/{p.pk}/").content.decode()
    assert 'name="confirm"' in page and "không thể hoàn tác" in page
    response = c.post(f"/petitions/{p.pk}/close/", {"version": p.version})
    assert response.status_code == 400
    assert "Hãy đánh dấu xác nhận" in response.content.decode()
    assert Petition.objects.get(pk=p.pk).state == "resolved"
    response = c.post(f"/petitions/{p.pk}/close/", {"version": p.version, "confirm": "on"})
    assert response.status_code == 302 and Petition.objects.get(pk=p.pk).state == "closed"


def test_refusing_and_recording_a_withdrawal_also_ask_for_confirmation(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    c = client_for(alice)
    for action in ("refuse", "withdraw", "transfer"):
        response = c.post(f"/petitions/{p.pk}/{action}/", {"version": p.version, "reason": "Lý do"})
        assert response.status_code == 400, action
    assert Petition.objects.get(pk=p.pk).state == "received"


def test_an_answer_is_published_on_tracking_by_default_and_withholding_it_needs_a_reason(
    make_data, alice, client
):
    p = _resolved(make_data, alice)
    c = client_for(alice)
    page = c.get(f"/petitions/{p.pk}/").content.decode()
    assert 'name="answer_public" id="id_answer_public" checked' in page or (
        'name="answer_public"' in page and "checked" in page.split('name="answer_public"')[1].split(">")[0]
    )
    withheld = c.post(f"/petitions/{p.pk}/resolve/", {"version": p.version, "answer": "Đã sửa."})
    assert withheld.status_code == 400 and "phải nêu lý do" in withheld.content.decode()
    assert Petition.objects.get(pk=p.pk).state == "in_progress"
    c.post(
        f"/petitions/{p.pk}/resolve/",
        {"version": p.version, "answer": "Đã sửa đường.", "answer_public": "on"},
    )
    public = client.get(f"/petitions/tra-cuu/?code={p.tracking_code}").content.decode()
    assert "Đã sửa đường." in public


def test_a_withheld_answer_keeps_its_reason_in_the_history_and_stays_off_tracking(make_data, alice, client):
    p = _resolved(make_data, alice)
    client_for(alice).post(
        f"/petitions/{p.pk}/resolve/",
        {"version": p.version, "answer": "Bí mật nội bộ.", "withhold_reason": "Có thông tin của bên thứ ba"},
    )
    p = Petition.objects.get(pk=p.pk)
    assert p.state == "resolved" and not p.answer_public
    assert "Có thông tin của bên thứ ba" in p.history.get(action="resolve").reason
    assert "Bí mật nội bộ." not in client.get(f"/petitions/tra-cuu/?code={p.tracking_code}").content.decode()


def test_a_denunciations_published_answer_never_shows_the_denunciator_and_the_preview_shows_it_so(
    make_data, alice, hanna, client
):
    from danvan.petitions.tests.conftest import denunciation_data

    name = "Phạm Thị Kín Đáo"
    p = services.submit_petition(actor=None, channel="web", data=denunciation_data(make_data, name))
    p = services.accept(actor=hanna, petition=p)
    p = services.assign_handler(actor=hanna, petition=p, handler=alice)
    p = services.start(actor=alice, petition=p)
    answer = f"Kết luận: nội dung tố cáo của bà {name} là đúng một phần."
    preview = client_for(alice).post(
        f"/petitions/{p.pk}/xem-truoc-tra-loi/", {"answer": answer, "answer_public": "on"}
    )
    text = preview.content.decode()
    assert preview.status_code == 200 and "Kết luận" in text and name not in text
    services.resolve(actor=alice, petition=p, answer=answer, answer_public=True)
    public = client.get(f"/petitions/tra-cuu/?code={p.tracking_code}").content.decode()
    assert "Kết luận" in public and name not in public


def test_the_satisfaction_rating_has_no_preselected_value(make_data, alice, client):
    p = _resolved(make_data, alice)
    p = services.resolve(actor=alice, petition=p, answer="Xong.", answer_public=True)
    services.close(actor=alice, petition=p)
    page = client.get(f"/petitions/tra-cuu/?code={p.tracking_code}").content.decode()
    select = page.split('name="rating"')[1].split("</select>")[0]
    assert '<option value="" selected>' in select and 'value="5" selected' not in select
    response = client.post(
        f"/petitions/tra-cuu/{p.tracking_code}/danh-gia/", {"key": p.citizen_key, "rating": ""}
    )
    assert Petition.objects.get(pk=p.pk).rating is None and response.status_code == 302


def test_the_petition_page_heads_with_code_kind_state_countdown_and_handler(make_data, alice, hanna):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.accept(actor=alice, petition=p)
    page = client_for(hanna).get(f"/petitions/{p.pk}/").content.decode()
    header = page.split('data-testid="case-header"')[1].split("</header>")[0]
    assert p.tracking_code in header and "Phản ánh" in header and "Đã thụ lý" in header
    assert "Còn " in header and f"{p.due_date:%d/%m/%Y}" in header
    assert "Alice" in header
    # the unit head assigns a handler from the page
    assert 'data-testid="assign"' in page


def test_the_timeline_speaks_vietnamese_with_peoples_names(make_data, alice, units):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.accept(actor=alice, petition=p)
    services.transfer(
        actor=alice,
        petition=services.submit_petition(actor=None, channel="web", data=make_data()),
        to_unit=units.commune_b,
        reason="Thẩm quyền",
    )
    page = client_for(alice).get(f"/petitions/{p.pk}/").content.decode()
    timeline = page.split('data-testid="timeline"')[1].split("</ol>")[0]
    assert "Tiếp nhận" in timeline and "Thụ lý" in timeline and "Alice" in timeline
    assert "accept" not in timeline and "→" not in timeline and "received" not in timeline


def test_only_the_actions_possible_now_are_shown_in_groups(make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    page = client_for(alice).get(f"/petitions/{p.pk}/").content.decode()
    assert 'data-testid="group-intake"' in page
    assert 'data-action="close"' not in page and 'data-action="resolve"' not in page
    assert 'data-testid="group-ending"' in page  # withdrawal is possible while the case is open


def test_the_facts_do_not_repeat_the_place_names(make_data, alice, units):
    address = f"{units.commune_a.name}, {units.province.name}"
    p = services.submit_petition(actor=None, channel="web", data=make_data(address=address))
    page = client_for(alice).get(f"/petitions/{p.pk}/").content.decode()
    facts = page.split('data-testid="facts"')[1].split("</dl>")[0]
    assert facts.count(units.commune_a.name) == 1 and units.province.name not in facts
