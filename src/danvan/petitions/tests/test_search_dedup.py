from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from danvan.accounts.scoping import scope_for
from danvan.core import clock
from danvan.petitions import selectors, services
from danvan.petitions.models import DuplicateCandidate

pytestmark = pytest.mark.django_db

LAND = (
    "Gia đình tôi đã nộp hồ sơ xin cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số 215 tờ bản đồ số 8 "
    "từ tháng 3 năm 2023 nhưng đến nay Ủy ban nhân dân xã vẫn chưa giải quyết, cũng không có văn bản trả lời."
)


def test_search_ignores_diacritics_and_case_and_stays_in_the_scope(make_data, alice, units):
    land = services.submit_petition(
        actor=None, channel="web", data=make_data(title="Tranh chấp ĐẤT ĐAI giữa hai hộ")
    )
    services.submit_petition(actor=None, channel="web", data=make_data(title="Ô nhiễm tiếng ồn karaoke"))
    services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(title="Tranh chấp đất đai xã B", place_code=units.commune_b.code),
    )
    scope = scope_for(alice)
    assert list(selectors.petitions_for(scope, q="dat dai")) == [land]
    assert list(selectors.petitions_for(scope, q="Đất Đai")) == [land]
    assert list(selectors.petitions_for(scope, q="TRANH CHAP")) == [land]
    assert list(selectors.petitions_for(scope, q=land.tracking_code)) == [land]
    assert list(selectors.petitions_for(scope, q="không có từ này")) == []


def test_a_reworded_resend_without_diacritics_is_found_as_a_duplicate_at_intake(make_data):
    first = services.submit_petition(
        actor=None, channel="web", data=make_data(title="Chậm cấp sổ đỏ", content=LAND)
    )
    services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(
            title="Về việc cấp giấy chứng nhận",
            content="Xin trình bày: nhà tôi mở quán ăn ở đầu thôn, đề nghị xã cho phép.",
        ),
    )
    resent = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(
            title="Cham cap so do",
            content="Toi da nop ho so xin cap giay chung nhan quyen su dung dat cho thua dat so 215 to ban do so 8 "
            "tu thang 3 nam 2023 nhung den nay Uy ban nhan dan xa van chua giai quyet, khong co van ban tra loi.",
        ),
    )
    candidates = list(DuplicateCandidate.objects.filter(petition=resent))
    assert [c.candidate_id for c in candidates] == [first.pk]
    assert candidates[0].score >= 0.3


def test_a_different_plot_is_not_taken_for_a_duplicate(make_data):
    services.submit_petition(actor=None, channel="web", data=make_data(title="Chậm cấp sổ đỏ", content=LAND))
    other = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(
            title="Chậm cấp sổ đỏ",
            content=LAND.replace("215", "97").replace("số 8", "số 14").replace("2023", "2021"),
        ),
    )
    assert not DuplicateCandidate.objects.filter(petition=other).exists()


def test_the_officer_links_a_duplicate_to_its_master(make_data, alice, bob):
    master = services.submit_petition(actor=None, channel="web", data=make_data(content=LAND))
    copy = services.submit_petition(actor=None, channel="web", data=make_data(content=LAND))
    third = services.submit_petition(actor=None, channel="web", data=make_data(content=LAND))
    services.link_duplicate(actor=alice, petition=copy, master=master)
    services.link_duplicate(actor=alice, petition=third, master=copy)  # linked to the root
    third.refresh_from_db()
    assert third.master == master
    with pytest.raises(services.Refused, match="vòng"):
        services.link_duplicate(actor=alice, petition=master, master=third)
    from django.core.exceptions import PermissionDenied

    with pytest.raises((PermissionDenied, services.Refused)):
        services.link_duplicate(actor=bob, petition=master, master=copy)


def test_the_classifier_eval_command_prints_the_held_out_accuracy():
    out = StringIO()
    call_command("petitions", "classifier-eval", stdout=out)
    line = [x for x in out.getvalue().splitlines() if x.startswith("Độ chính xác")][0]
    assert 0.7 < float(line.rsplit(" ", 1)[1]) <= 1.0


def test_the_dedup_eval_command_measures_precision_and_recall_on_the_shipped_pairs():
    out = StringIO()
    call_command("petitions", "dedup-eval", stdout=out)
    assert "precision" in out.getvalue() and "recall" in out.getvalue()


def test_officers_filter_by_field_and_received_dates(make_data, alice):
    import datetime as dt

    old = services.submit_petition(
        actor=alice,
        channel="desk",
        data=make_data(field="moi_truong", received_on="01/03/2026"),
        unit=alice.roles.first().unit,
    )
    new = services.submit_petition(actor=None, channel="web", data=make_data(field="y_te"))
    scope = scope_for(alice)
    assert list(selectors.petitions_for(scope, field="moi_truong")) == [old]
    assert list(selectors.petitions_for(scope, date_to=dt.date(2026, 3, 31))) == [old]
    assert list(selectors.petitions_for(scope, date_from=clock.today())) == [new]


def test_public_status_gives_nothing_for_an_unknown_code_and_no_personal_fields(make_data):
    assert selectors.public_status("DV-ZZZZ-ZZZZ-ZZZZ") is None
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    status = selectors.public_status(p.tracking_code)
    assert status is not None and status.state_code == "received"
    assert not {"petitioner_name", "petitioner_phone", "content"} & set(vars(status))


def test_the_search_triggers_come_back_after_a_migration_remakes_the_petitions_table(make_data, alice):
    """SQLite's table remake (an AddField, for instance) drops triggers: post_migrate puts them back."""
    from django.db import connection

    from danvan.petitions import search

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's GIN index is not a trigger")
    with connection.cursor() as cursor:
        for name in ("petitions_fts_ai", "petitions_fts_ad", "petitions_fts_au"):
            cursor.execute(f"DROP TRIGGER {name}")
    assert search.ensure_index() is True
    land = services.submit_petition(actor=None, channel="web", data=make_data(title="Tranh chấp đất đai"))
    assert list(selectors.petitions_for(scope_for(alice), q="dat dai")) == [land]
    assert search.ensure_index() is False
