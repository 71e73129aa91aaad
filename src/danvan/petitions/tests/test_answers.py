"""Answer templates (#17 item 6): placeholders filled on the server for the petition and the officer, the
sender's name never for a denunciation, clear messages for an unknown placeholder or a missing value; and
group answers: a master and its duplicates or campaign copies answered at once, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from danvan.conftest import client_for
from danvan.core.workflow import Conflict, Refused
from danvan.notifications.models import Outbox
from danvan.petitions import services
from danvan.petitions.models import AnswerTemplate, DuplicateCandidate, Field, Petition, PetitionHistory
from danvan.petitions.services import answers, placeholders
from danvan.petitions.tests.conftest import denunciation_data

pytestmark = pytest.mark.django_db

BODY = "{don_vi} trả lời {loai_don} {ma_don} nhận ngày {ngay_nhan} của {ten_nguoi_gui}, lĩnh vực {linh_vuc}."


def _submit(make_data: Any, n: int = 0, **overrides: Any) -> Petition:
    data = make_data(
        title=f"Đường liên thôn số {n} bị sụt lún",
        content=f"Đoạn đường thôn {n} dài {n + 2} km bị sụt lún nặng, xe chở nông sản số {n} không qua được.",
        **overrides,
    )
    return services.submit_petition(actor=None, channel="web", data=data)


def _fielded(p: Petition) -> Petition:
    Petition.objects.filter(pk=p.pk).update(field=Field.objects.get(code="ha_tang_giao_thong"))
    return Petition.objects.select_related("unit", "field").get(pk=p.pk)


def _in_progress(p: Petition, actor: Any) -> Petition:
    p = services.accept(actor=actor, petition=p)
    return services.start(actor=actor, petition=p)


def test_a_template_is_filled_with_the_code_date_body_field_and_the_senders_name(
    make_data: Any, alice: Any
) -> None:
    p = _fielded(_submit(make_data))
    text = placeholders.fill_for(p, BODY, alice)
    assert p.tracking_code in text and "UBND phường Đông Kinh" in text and "Nguyễn Văn Bình" in text
    assert "phản ánh" in text and "Hạ tầng, giao thông" in text
    assert f"{p.received_at.astimezone().strftime('%Y')}" in text  # the date, dd/mm/yyyy
    assert "{" not in text


def test_a_denunciators_name_is_never_filled_even_for_the_head_who_may_see_it(
    make_data: Any, alice: Any, hanna: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=denunciation_data(make_data, "Phạm Thị Hoa"))
    p = Petition.objects.select_related("unit", "field").get(pk=p.pk)
    for officer in (alice, hanna):
        text = placeholders.fill_for(p, "Kính gửi {ten_nguoi_gui}, hồ sơ {ma_don}.", officer)
        assert "Hoa" not in text and "người tố cáo" in text


def test_someone_who_may_not_see_the_sender_reads_a_neutral_word(make_data: Any, bob: Any) -> None:
    p = _submit(make_data)
    assert placeholders.values_for(p, None)["ten_nguoi_gui"] == "Nguyễn Văn Bình"  # a letter of the body
    assert placeholders.values_for(p, bob)["ten_nguoi_gui"] == "người gửi đơn"


def test_an_unknown_placeholder_is_refused_naming_it_and_listing_the_known_ones(
    make_data: Any, alice: Any
) -> None:
    p = _submit(make_data)
    with pytest.raises(Refused) as refused:
        placeholders.fill_for(p, "Trả lời {ma_hoso}.", alice)
    assert "{ma_hoso}" in str(refused.value) and "{ma_don}" in str(refused.value)
    template = AnswerTemplate(name="Sai", body="Kính gửi {ho_ten}")
    with pytest.raises(ValidationError) as invalid:
        template.full_clean()
    assert "{ho_ten}" in str(invalid.value)


def test_a_value_the_petition_does_not_have_yet_is_refused_naming_the_petition(
    make_data: Any, alice: Any
) -> None:
    p = _submit(make_data)
    with pytest.raises(Refused) as refused:
        placeholders.fill_for(p, "Hạn giải quyết: {han_giai_quyet}.", alice)
    assert p.tracking_code in str(refused.value) and "chưa có hạn giải quyết" in str(refused.value)
    with pytest.raises(Refused, match="không cho ra nội dung"):
        placeholders.fill(" \n ", {})


def test_the_templates_offered_are_the_national_ones_and_those_of_the_unit_and_above_for_its_kind(
    make_data: Any, units: Any
) -> None:
    p = _submit(make_data)
    mine = AnswerTemplate.objects.create(name="Mẫu của phường", unit=units.commune_a, body="{ma_don}")
    province = AnswerTemplate.objects.create(name="Mẫu của tỉnh", unit=units.province, body="{ma_don}")
    other = AnswerTemplate.objects.create(name="Mẫu xã khác", unit=units.commune_b, body="{ma_don}")
    complaint = AnswerTemplate.objects.create(name="Khiếu nại", kind="complaint", body="{ma_don}")
    hidden = AnswerTemplate.objects.create(name="Cũ", body="{ma_don}", is_active=False)
    offered = set(answers.templates_for(p))
    assert {mine, province} <= offered
    assert not {other, complaint, hidden} & offered
    assert any(t.unit is None for t in offered)  # the national templates seeded by the migration


def test_the_answer_form_offers_the_templates_and_fills_the_answer_from_the_chosen_one(
    make_data: Any, alice: Any, bob: Any
) -> None:
    p = _fielded(_in_progress(_submit(make_data), alice))
    template = AnswerTemplate.objects.create(name="Đã sửa đường", body="Hồ sơ {ma_don}: đã sửa xong.")
    page = client_for(alice).get(f"/petitions/{p.pk}/").content.decode()
    assert 'data-testid="answer-template-select"' in page and "Đã sửa đường" in page
    response = client_for(alice).post(
        f"/petitions/{p.pk}/mau-tra-loi/", {"answer_template": template.pk, "answer": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="answer-field"' in html and f"Hồ sơ {p.tracking_code}: đã sửa xong." in html
    # another commune's officer cannot fill from it (the petition is outside her scope)
    assert (
        client_for(bob).post(f"/petitions/{p.pk}/mau-tra-loi/", {"answer_template": template.pk}).status_code
        == 404
    )


def test_a_template_that_cannot_be_filled_keeps_the_officers_text_with_the_message_beside_it(
    make_data: Any, alice: Any
) -> None:
    p = _submit(make_data)
    template = AnswerTemplate.objects.create(name="Hạn", body="Hạn giải quyết: {han_giai_quyet}.")
    html = (
        client_for(alice)
        .post(f"/petitions/{p.pk}/mau-tra-loi/", {"answer_template": template.pk, "answer": "Nháp của tôi"})
        .content.decode()
    )
    assert "Nháp của tôi" in html and "chưa có hạn giải quyết" in html and "field-error" in html
    html = (
        client_for(alice)
        .post(f"/petitions/{p.pk}/mau-tra-loi/", {"answer_template": "999999"})
        .content.decode()
    )
    assert "Không tìm thấy mẫu trả lời này" in html


# --- group answers ------------------------------------------------------------------------------------


def _group(make_data: Any, alice: Any, n: int = 2, **overrides: Any) -> tuple[Petition, list[Petition]]:
    master = _fielded(_in_progress(_submit(make_data, 0, **overrides), alice))
    copies = []
    for i in range(1, n + 1):
        copy = _fielded(_submit(make_data, i, **overrides))
        services.link_duplicate(actor=alice, petition=copy, master=master)
        copies.append(copy)
    return Petition.objects.select_related("unit", "field").get(pk=master.pk), copies


def test_answering_a_group_answers_the_master_and_every_open_duplicate_each_with_its_own_code(
    make_data: Any, alice: Any
) -> None:
    master, copies = _group(make_data, alice)
    done = answers.answer_group(
        actor=alice, master=master, answer="Hồ sơ {ma_don}: đoạn đường đã được sửa.", answer_public=True
    )
    assert [p.pk for p in done] == [master.pk, *(c.pk for c in copies)]
    for p in Petition.objects.filter(pk__in=[p.pk for p in done]):
        assert p.state == "resolved" and p.answer == f"Hồ sơ {p.tracking_code}: đoạn đường đã được sửa."
    actions = list(
        PetitionHistory.objects.filter(petition=copies[0]).order_by("pk").values_list("action", flat=True)
    )
    assert actions[-3:] == ["accept", "start", "resolve"]


def test_campaign_copies_joined_to_the_master_are_answered_with_it(make_data: Any, alice: Any) -> None:
    master = _fielded(_in_progress(_submit(make_data), alice))
    copy = _fielded(_submit(make_data, 5))
    DuplicateCandidate.objects.update_or_create(petition=copy, candidate=master, defaults={"score": 1.0})
    done = answers.answer_group(actor=alice, master=master, answer="Đã giải quyết chung.")
    assert copy.pk in {p.pk for p in done}


def test_one_member_that_cannot_be_answered_stops_the_whole_group_and_is_named(
    make_data: Any, alice: Any
) -> None:
    master, copies = _group(make_data, alice)
    Petition.objects.filter(pk=copies[1].pk).update(field=None)
    before = PetitionHistory.objects.count(), Outbox.objects.count()
    with pytest.raises(Refused) as refused:
        answers.answer_group(actor=alice, master=master, answer="Lĩnh vực {linh_vuc}: đã giải quyết.")
    assert copies[1].tracking_code in str(refused.value) and "chưa được xác định lĩnh vực" in str(
        refused.value
    )
    assert "Chưa ghi đơn nào" in str(refused.value)
    assert (PetitionHistory.objects.count(), Outbox.objects.count()) == before
    assert set(
        Petition.objects.filter(pk__in=[master.pk, *(c.pk for c in copies)]).values_list("state", flat=True)
    ) == {
        "in_progress",
        "received",
    }


def test_members_outside_the_officers_rights_are_listed_and_left_out(
    make_data: Any, alice: Any, root: Any, units: Any
) -> None:
    master, _ = _group(make_data, alice, n=1)
    elsewhere = _fielded(_submit(make_data, 7, place_code=units.commune_b.code))
    services.link_duplicate(actor=root, petition=elsewhere, master=master)
    members = {m.petition.pk: m for m in answers.members(alice, master)}
    assert not members[elsewhere.pk].answered and "ngoài quyền" in members[elsewhere.pk].note
    done = answers.answer_group(actor=alice, master=master, answer="Đã trả lời.")
    assert elsewhere.pk not in {p.pk for p in done}
    assert Petition.objects.get(pk=elsewhere.pk).state == "received"


def test_every_citizen_who_consented_hears_of_the_group_answer(make_data: Any, alice: Any) -> None:
    master, copies = _group(
        make_data, alice, petitioner_email="binh@example.vn", notify_consent="on", petitioner_phone=""
    )
    answers.answer_group(actor=alice, master=master, answer="Hồ sơ {ma_don} đã được giải quyết.")
    told = Outbox.objects.filter(template="petition_resolved")
    assert sorted(told.values_list("case_id", flat=True)) == sorted(str(p.pk) for p in [master, *copies])
    assert {row.context["answer"] for row in told} == {
        f"Hồ sơ {p.tracking_code} đã được giải quyết." for p in [master, *copies]
    }


def test_a_group_changed_since_the_officer_looked_is_a_conflict(make_data: Any, alice: Any) -> None:
    master, copies = _group(make_data, alice)
    shown = {master.pk: master.version, copies[0].pk: copies[0].version}  # the page before copies[1] joined
    with pytest.raises(Conflict):
        answers.answer_group(actor=alice, master=master, answer="Đã trả lời.", versions=shown)


def test_the_group_page_lists_the_members_and_answers_them_in_one_post(make_data: Any, alice: Any) -> None:
    master, copies = _group(make_data, alice)
    client = client_for(alice)
    detail = client.get(f"/petitions/{master.pk}/").content.decode()
    assert 'data-testid="answer-group"' in detail and "Trả lời cả nhóm (3 đơn)" in detail
    page = client.get(f"/petitions/{master.pk}/tra-loi-nhom/").content.decode()
    for p in [master, *copies]:
        assert f'data-testid="member-{p.tracking_code}"' in page
    group = [master, *(Petition.objects.get(pk=c.pk) for c in copies)]
    data = {"answer": "Hồ sơ {ma_don}: đã sửa.", "answer_public": "on", "raw": "1"}
    data |= {f"v{p.pk}": str(p.version) for p in group}
    response = client.post(f"/petitions/{master.pk}/tra-loi-nhom/", data, follow=True)
    assert response.status_code == 200 and "Đã trả lời 3 đơn của nhóm" in response.content.decode()
    assert set(Petition.objects.filter(pk__in=[p.pk for p in group]).values_list("state", flat=True)) == {
        "resolved"
    }


def test_the_group_page_shows_a_refusal_and_keeps_the_text(make_data: Any, alice: Any) -> None:
    master, copies = _group(make_data, alice, n=1)
    data = {"answer": "Kính gửi {ho_ten}", "answer_public": "on", "raw": "1"}
    data |= {f"v{p.pk}": str(p.version) for p in [master, Petition.objects.get(pk=copies[0].pk)]}
    response = client_for(alice).post(f"/petitions/{master.pk}/tra-loi-nhom/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "{ho_ten}" in html and "Kính gửi {ho_ten}" in html


def test_a_duplicate_offers_no_group_answer_of_its_own(make_data: Any, alice: Any) -> None:
    master, copies = _group(make_data, alice, n=1)
    assert not answers.has_group(copies[0]) and answers.has_group(master)
    with pytest.raises(Refused, match="đơn gốc"):
        answers.answer_group(actor=alice, master=Petition.objects.get(pk=copies[0].pk), answer="x")


def test_an_administrator_edits_the_answer_templates_in_the_admin(root: Any) -> None:
    client = client_for(root)
    assert client.get("/admin/petitions/answertemplate/").status_code == 200
    page = client.get("/admin/petitions/answertemplate/add/").content.decode()
    assert "{ten_nguoi_gui}" in page  # the placeholders are listed beside the body
