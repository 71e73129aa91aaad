from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import clock
from danvan.core.models import AuditEntry
from danvan.petitions import services
from danvan.petitions.models import Attachment, Field, Petition, PetitionBand, PetitionHistory, RoutingRule
from danvan.petitions.tests.conftest import PDF, PNG

pytestmark = pytest.mark.django_db


def test_a_feedback_from_the_web_is_received_with_an_unguessable_code_a_deadline_and_a_history_row(
    make_data, units
):
    petition = services.submit_petition(actor=None, channel="web", data=make_data())
    assert re.fullmatch(r"DV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", petition.tracking_code)
    assert petition.state == "received"
    assert petition.unit == units.commune_a
    assert petition.accept_due == clock.today() + dt.timedelta(days=10)
    assert petition.due_date == petition.accept_due
    assert PetitionHistory.objects.filter(petition=petition, action="receive").count() == 1
    assert AuditEntry.objects.filter(object_type="petitions.petition", object_id=str(petition.pk)).exists()
    assert PetitionBand.objects.filter(petition=petition).count() > 32  # 32 LSH bands, matter keys, copy key


def test_two_petitions_never_share_a_tracking_code(make_data):
    codes = {
        services.submit_petition(actor=None, channel="api", data=make_data()).tracking_code for _ in range(5)
    }
    assert len(codes) == 5


def test_the_field_is_suggested_from_the_text_when_the_citizen_does_not_choose_one(make_data):
    petition = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(
            title="Chậm cấp giấy chứng nhận quyền sử dụng đất",
            content="Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất thửa số 12 đã hai năm chưa được giải quyết.",
        ),
    )
    assert petition.suggested_field is not None and petition.suggested_field.code == "dat_dai"
    assert petition.field == petition.suggested_field
    assert petition.field_confirmed is False
    assert 0 < (petition.suggested_probability or 0) <= 1


def test_a_complaint_without_the_decision_or_the_date_it_became_known_is_refused_and_nothing_is_saved(
    make_data,
):
    before = (Petition.objects.count(), AuditEntry.objects.count())
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=make_data(kind="complaint"))
    assert "quyết định hoặc hành vi bị khiếu nại" in exc.value.errors["decision_complained"][0]
    assert "decision_known_on" in exc.value.errors
    assert (Petition.objects.count(), AuditEntry.objects.count()) == before


def test_a_denunciation_must_name_the_accused_and_the_act(make_data):
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=make_data(kind="denunciation"))
    assert "người hoặc cơ quan bị tố cáo" in exc.value.errors["accused"][0]
    assert "hành vi" in exc.value.errors["accused_act"][0]


def test_missing_and_malformed_fields_get_clear_vietnamese_messages(make_data):
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(
            actor=None,
            channel="web",
            data=make_data(
                title="", content="ngắn", petitioner_phone="abc", kind="thư tay", incident_date="31/02/2025"
            ),
        )
    errors = exc.value.errors
    assert errors["title"] == ["Hãy nhập tiêu đề ngắn gọn của đơn."]
    assert "Nội dung quá ngắn" in errors["content"][0]
    assert "Số điện thoại không hợp lệ" in errors["petitioner_phone"][0]
    assert "Loại đơn “thư tay” không hợp lệ." in errors["kind"][0]
    assert "dd/mm/yyyy" in errors["incident_date"][0]


def test_a_date_in_the_future_is_refused(make_data):
    tomorrow = (clock.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=make_data(incident_date=tomorrow))
    assert "không được ở tương lai" in exc.value.errors["incident_date"][0]


def test_an_unknown_unit_code_is_refused_with_a_message(make_data):
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="api", data=make_data(place_code="99999"))
    assert "Không tìm thấy đơn vị hành chính" in exc.value.errors["place_code"][0]


def test_an_address_that_resolves_to_nothing_is_refused(make_data):
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=make_data(place_code="", address="Sao Hỏa"))
    assert "Không xác định được xã" in exc.value.errors["address"][0]


def test_a_free_text_address_is_resolved_through_the_territory(make_data, units):
    address = f"{units.commune_a.name}, tỉnh Lạng Sơn"
    petition = services.submit_petition(
        actor=None, channel="web", data=make_data(place_code="", address=address)
    )
    assert petition.place == units.commune_a
    assert petition.unit == units.commune_a


def test_an_old_pre_2025_address_is_routed_to_todays_commune(make_data):
    petition = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(place_code="", address="xã Vĩnh Hưng, huyện Vĩnh Lợi, tỉnh Bạc Liêu"),
    )
    assert petition.place is not None and petition.place.name == "Xã Châu Thới"
    assert petition.unit.path.startswith("VN/96/")


def test_a_complaint_past_its_limitation_period_is_accepted_with_a_warning_for_the_officer(make_data):
    known = (clock.today() - dt.timedelta(days=120)).strftime("%d/%m/%Y")
    petition = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(
            kind="complaint", decision_complained="Quyết định 12/QĐ-UBND", decision_known_on=known
        ),
    )
    assert petition.pk is not None
    assert "thời hiệu 90 ngày" in petition.limitation_warning


def test_a_collective_petition_needs_at_least_two_signers_and_representatives(make_data):
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(
            actor=None, channel="web", data=make_data(is_collective="on", signer_count="1")
        )
    assert "ít nhất 2 người ký" in exc.value.errors["signer_count"][0]
    assert "người đại diện" in exc.value.errors["representatives"][0]
    petition = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(
            is_collective="on", signer_count="37", representatives="Ông Hoàng Văn Sơn, bà Lý Thị Hoa"
        ),
    )
    assert petition.is_collective and petition.signer_count == 37


def test_images_and_pdfs_are_stored_outside_the_web_root(make_data, settings):
    files = [SimpleUploadedFile("anh.png", PNG), SimpleUploadedFile("van-ban.pdf", PDF)]
    petition = services.submit_petition(actor=None, channel="web", data=make_data(), files=files)
    stored = list(Attachment.objects.filter(petition=petition).order_by("id"))
    assert [a.content_type for a in stored] == ["image/png", "application/pdf"]
    for attachment in stored:
        assert (settings.MEDIA_ROOT / "petitions" / attachment.storage_name).exists()


def test_a_disguised_file_is_refused_by_its_content_not_its_name(make_data):
    html = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=make_data(), files=[html])
    assert "không phải ảnh" in exc.value.errors["attachments"][0]
    assert Petition.objects.count() == 0


def test_an_oversized_file_is_refused_and_nothing_is_saved(make_data, settings):
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 10))
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=make_data(), files=[big])
    assert "quá lớn" in exc.value.errors["attachments"][0]
    assert Petition.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "petitions").exists() or not any(
        (settings.MEDIA_ROOT / "petitions").rglob("*.*")
    )


def test_an_unknown_channel_is_refused(make_data):
    with pytest.raises(services.IntakeError):
        services.submit_petition(actor=None, channel="fax", data=make_data())


def test_a_petition_addressed_to_the_province_about_a_commune_matter_is_flagged_skip_level(make_data, units):
    petition = services.submit_petition(actor=None, channel="web", data=make_data(addressed_to="province"))
    assert petition.is_skip_level is True
    assert petition.received_unit == units.province
    assert petition.unit == units.commune_a


def test_routing_follows_the_editable_rule_table(make_data, units):
    field = Field.objects.get(code="can_bo_cong_chuc")
    denunciation = make_data(
        kind="denunciation",
        field="can_bo_cong_chuc",
        accused="Ông X, cán bộ địa chính",
        accused_act="Nhận tiền của người dân",
        petitioner_address="Thôn 1",
    )
    assert services.submit_petition(actor=None, channel="web", data=denunciation).unit == units.province
    RoutingRule.objects.filter(field=field).update(level="commune")
    assert services.submit_petition(actor=None, channel="web", data=denunciation).unit == units.commune_a


def test_a_second_complaint_is_linked_to_the_first_and_needs_it_resolved(make_data, alice):
    known = clock.today().strftime("%d/%m/%Y")
    complaint = make_data(kind="complaint", decision_complained="Quyết định 5/QĐ", decision_known_on=known)
    first = services.submit_petition(actor=None, channel="web", data=complaint)
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(
            actor=None, channel="web", data={**complaint, "previous_code": first.tracking_code}
        )
    assert "chưa được giải quyết" in exc.value.errors["previous_code"][0]
    first = services.accept(actor=alice, petition=first)
    first = services.start(actor=alice, petition=first)
    services.resolve(actor=alice, petition=first, answer="Giữ nguyên quyết định.")
    second = services.submit_petition(
        actor=None, channel="web", data={**complaint, "previous_code": first.tracking_code.lower()}
    )
    assert second.previous == first
    second = services.accept(actor=alice, petition=second)
    assert second.resolve_due == clock.today() + dt.timedelta(days=45)


def test_desk_entry_defaults_the_place_to_the_officers_unit_and_requires_a_role_there(
    make_data, alice, units, bob
):
    petition = services.submit_petition(
        actor=alice, channel="desk", data=make_data(place_code=""), unit=units.commune_a
    )
    assert petition.place == units.commune_a and petition.submitted_by == alice
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.submit_petition(actor=bob, channel="desk", data=make_data(), unit=units.commune_a)
