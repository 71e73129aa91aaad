"""Duplicates at intake: the same matter in other words, places kept apart, campaigns joined in constant time."""

from __future__ import annotations

import pytest

from danvan.petitions import duplicates, services
from danvan.petitions.models import DuplicateCandidate, PetitionBand

pytestmark = pytest.mark.django_db

CITIZEN = (
    "Kính gửi UBND xã. Tôi ở tổ 8 ấp Gia Yên, mấy tháng nay cả xóm phải bịt mũi vì cái trại heo cạnh suối "
    "Cầu Hoàng, nước thải xả thẳng ra suối, cá chết nổi. Xin xã xuống kiểm tra, bắt chủ trại làm hầm biogas."
)
REPORTER = (
    "Hơn ba tháng qua, nhiều hộ dân ấp Gia Yên sống trong mùi hôi nồng nặc từ một trang trại nuôi lợn; "
    "nước thải chưa qua xử lý được đổ thẳng ra suối Cầu Hoàng khiến dòng suối đổi màu."
)
ELSEWHERE = (
    "Người dân thôn Chang phản ánh: trang trại nuôi lợn ở đầu nguồn xả nước thải ra suối, nguồn nước "
    "sinh hoạt của thôn có mùi hôi, kính đề nghị cơ quan chức năng xác minh."
)
CAMPAIGN = (
    "Chúng tôi, các hộ dân ấp Gia Yên, phản đối việc trại heo cạnh suối Cầu Hoàng xả thải ra suối và đề nghị "
    "đình chỉ hoạt động của trại cho đến khi có hệ thống xử lý nước thải đạt chuẩn."
)


def _submit(make_data, content: str, **extra):
    return services.submit_petition(
        actor=None, channel="web", data=make_data(title="Phản ánh ô nhiễm", content=content, **extra)
    )


def test_a_reporters_restatement_of_a_citizens_letter_is_found_as_the_same_matter(make_data):
    first = _submit(make_data, CITIZEN)
    _submit(make_data, ELSEWHERE)
    second = _submit(make_data, REPORTER)
    assert [c.candidate_id for c in DuplicateCandidate.objects.filter(petition=second)] == [first.pk]


def test_the_same_complaint_in_another_commune_of_the_territory_stays_apart(make_data, units):
    _submit(make_data, REPORTER)
    text = REPORTER.replace("ấp Gia Yên", "ấp").replace("suối Cầu Hoàng", "suối")
    other = _submit(make_data, text, place_code=units.commune_b.code)
    assert not DuplicateCandidate.objects.filter(petition=other).exists()


def test_identical_and_lightly_edited_letters_join_the_first_one_and_store_no_keys(make_data):
    first = _submit(make_data, CAMPAIGN)
    keys_after_first = PetitionBand.objects.count()
    copies = [_submit(make_data, CAMPAIGN) for _ in range(3)]
    edited = _submit(make_data, CAMPAIGN.replace("Chúng tôi", "Tôi").replace("đạt chuẩn", "đạt chuẩn."))
    assert PetitionBand.objects.count() == keys_after_first  # the group is represented once
    for letter in [*copies, edited]:
        assert [c.candidate_id for c in DuplicateCandidate.objects.filter(petition=letter)][0] == first.pk


def test_joining_a_group_costs_the_same_queries_whatever_its_size(make_data, django_assert_max_num_queries):
    text = duplicates.dedup_text("Phản ánh ô nhiễm", CAMPAIGN)
    _submit(make_data, CAMPAIGN)
    with django_assert_max_num_queries(1):  # the copy key's probe, joined to the representative
        assert duplicates.analyse(text).copy_of is not None
    for _ in range(5):
        _submit(make_data, CAMPAIGN)
    with django_assert_max_num_queries(1):
        assert duplicates.analyse(text).copy_of is not None


def test_a_burst_of_identical_letters_is_analysed_together_each_with_its_audit_row(make_data, asynchronous):
    from django.core.management import call_command

    from danvan.core.models import AuditEntry
    from danvan.petitions.models import Petition

    letters = [_submit(make_data, CAMPAIGN) for _ in range(6)]
    other = _submit(make_data, ELSEWHERE)
    call_command("petitions", "enrich", "--pending")
    first = letters[0]
    for letter in Petition.objects.filter(pk__in=[p.pk for p in letters[1:]]):
        assert letter.enrich_queued_at is None
        assert letter.suggested_field is not None and letter.field == letter.suggested_field
        assert [c.candidate_id for c in DuplicateCandidate.objects.filter(petition=letter)] == [first.pk]
        assert AuditEntry.objects.filter(object_id=str(letter.pk), summary__contains="nhóm đơn").exists()
    assert not PetitionBand.objects.filter(petition__in=letters[1:]).exists()
    assert (
        PetitionBand.objects.filter(petition=first).exists()
        and PetitionBand.objects.filter(petition=other).exists()
    )
    assert Petition.objects.filter(enrich_queued_at__isnull=False).count() == 0


def test_lightly_edited_letters_in_a_batch_join_the_representative_without_being_analysed_one_by_one(
    make_data, asynchronous, django_assert_max_num_queries
):
    from danvan.core.models import AuditEntry
    from danvan.petitions import campaigns
    from danvan.petitions.models import Petition

    first = _submit(make_data, CAMPAIGN)
    services.enrich_petition(first.pk)
    keys = PetitionBand.objects.count()
    edits = [
        CAMPAIGN.replace("Chúng tôi, các hộ dân", "Tôi, một hộ dân") + f" Ký tên: hộ số {i}."
        for i in range(6)
    ] + [CAMPAIGN + " Xin cảm ơn."] * 3
    letters = [_submit(make_data, text) for text in edits]
    analysed: list[int] = []

    def full_analysis(pk: int) -> bool:
        analysed.append(pk)
        return services.enrich_petition(pk)

    with django_assert_max_num_queries(25):  # 7 distinct texts, 9 letters: no query per letter
        done = campaigns.join_copies([p.pk for p in letters], enrich_petition=full_analysis)
    assert done == {p.pk for p in letters} and analysed == []
    assert PetitionBand.objects.count() == keys  # the group is still represented once
    for letter in Petition.objects.filter(pk__in=[p.pk for p in letters]):
        assert letter.enrich_queued_at is None and letter.field == letter.suggested_field
        assert letter.signature  # its own signature
        links = list(DuplicateCandidate.objects.filter(petition=letter).values_list("candidate_id", "score"))
        assert links[0][0] == first.pk and 0.7 <= links[0][1] <= 1.0
        assert AuditEntry.objects.filter(object_id=str(letter.pk), summary__contains="gần như cùng").exists()


def test_a_near_copy_about_another_commune_does_not_join_the_group(make_data, units, asynchronous):
    from danvan.petitions import campaigns

    first = _submit(make_data, CAMPAIGN)
    services.enrich_petition(first.pk)
    other = _submit(make_data, CAMPAIGN + " Xin cảm ơn.", place_code=units.commune_b.code)
    assert campaigns.join_copies([other.pk], enrich_petition=services.enrich_petition) == set()
