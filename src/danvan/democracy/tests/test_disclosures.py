"""The disclosure register: drafts, publication with evidence, ending, compliance, the public page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.democracy import selectors, services
from danvan.democracy.models import Disclosure, DisclosureFile, DisclosureItem
from danvan.democracy.tests.conftest import PNG, pdf, png

pytestmark = pytest.mark.django_db


def _draft(
    actor: Any, unit: Any, *, code: str = "budget_estimate", issued: dt.date | None = None
) -> Disclosure:
    return services.create_disclosure(
        actor=actor,
        unit=unit,
        item_code=code,
        title="Dự toán ngân sách xã năm nay",
        document_ref="12/QĐ-UBND",
        issued_on=issued or clock.today(),
        documents=[pdf()],
    )


def test_the_rule_table_is_seeded_from_the_grassroots_rules() -> None:
    codes = set(DisclosureItem.objects.values_list("code", flat=True))
    assert {"budget_estimate", "budget_execution", "land_recovery", "contributions"} <= codes
    land = DisclosureItem.objects.get(code="land_recovery")
    assert "loudspeaker" in land.required_channels and land.loudspeaker_days == 3


def test_an_officer_publishes_a_disclosure_with_evidence(alice: Any, units: Any) -> None:
    d = _draft(alice, units.commune_a)
    client = client_for(alice)
    page = client.get(f"/democracy/cong-khai/{d.pk}/").content.decode()
    assert 'data-action="publish"' in page
    r = client.post(
        f"/democracy/cong-khai/{d.pk}/publish/",
        {
            "publish-version": d.version,
            "publish-posted_on": clock.today().strftime("%d/%m/%Y"),
            "publish-channels": ["notice_board", "web"],
            "publish-evidence": [png()],
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    d.refresh_from_db()
    assert d.state == "published" and not d.is_late and not d.lacks_channels
    assert d.history.filter(action="publish").exists()
    assert DisclosureFile.objects.filter(disclosure=d, is_document=False).count() == 1


def test_publishing_without_evidence_or_with_a_wrong_file_is_refused_and_saves_nothing(
    alice: Any, units: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    d = _draft(alice, units.commune_a)
    client = client_for(alice)
    data = {
        "publish-version": d.version,
        "publish-posted_on": clock.today().strftime("%d/%m/%Y"),
        "publish-channels": ["notice_board"],
    }
    r = client.post(f"/democracy/cong-khai/{d.pk}/publish/", data)
    assert r.status_code == 400
    assert "Hãy đính kèm ít nhất một tệp minh chứng" in r.content.decode()
    exe = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\x00" * 60, content_type="image/png")
    r = client.post(f"/democracy/cong-khai/{d.pk}/publish/", {**data, "publish-evidence": [exe]})
    assert r.status_code == 400
    assert "không phải ảnh (JPEG, PNG, GIF, WEBP) hoặc PDF" in r.content.decode()
    d.refresh_from_db()
    assert d.state == "draft" and d.files.filter(is_document=False).count() == 0


def test_a_late_disclosure_with_a_missing_channel_is_flagged(root: Any, units: Any) -> None:
    issued = clock.today() - dt.timedelta(days=20)
    d = _draft(root, units.commune_a, code="land_recovery", issued=issued)
    d = services.publish(
        actor=root,
        disclosure=d,
        posted_on=clock.today(),
        channels=["notice_board", "loudspeaker", "web"],
        loudspeaker_days=1,
        evidence=[png()],
    )
    assert d.is_late  # 20 days after issue, the default deadline is 5
    assert d.missing_channels == ["loudspeaker"]  # 1 day of loudspeaker, 3 required


def test_ending_before_the_minimum_duration_is_recorded_as_too_short(root: Any, units: Any) -> None:
    d = _draft(root, units.commune_a, issued=clock.today() - dt.timedelta(days=10))
    posted = clock.today() - dt.timedelta(days=9)
    d = services.publish(
        actor=root, disclosure=d, posted_on=posted, channels=["notice_board", "web"], evidence=[png()]
    )
    d = services.end(actor=root, disclosure=d, ended_on=clock.today())
    assert d.state == "ended" and d.is_too_short


def test_an_end_date_before_the_posting_date_is_refused(root: Any, units: Any) -> None:
    d = _draft(root, units.commune_a, issued=clock.today() - dt.timedelta(days=3))
    d = services.publish(
        actor=root, disclosure=d, posted_on=clock.today(), channels=["notice_board"], evidence=[png()]
    )
    with pytest.raises(Refused, match="không được trước ngày bắt đầu công khai"):
        services.end(actor=root, disclosure=d, ended_on=clock.today() - dt.timedelta(days=1))
    d.refresh_from_db()
    assert d.state == "published"


def test_a_draft_cannot_be_published_twice(root: Any, units: Any) -> None:
    d = _draft(root, units.commune_a)
    d = services.publish(
        actor=root, disclosure=d, posted_on=clock.today(), channels=["web"], evidence=[png()]
    )
    with pytest.raises(Refused, match="đã được công khai"):
        services.publish(
            actor=root, disclosure=d, posted_on=clock.today(), channels=["web"], evidence=[png()]
        )


def test_the_compliance_view_counts_missing_late_and_short_per_commune_and_rolls_up(
    root: Any, units: Any, carol: Any
) -> None:
    year = clock.today().year
    jan = dt.date(year, 1, 2)
    if clock.today() < jan:  # the suite runs on 1 January too
        jan = clock.today()
    d = _draft(root, units.commune_a, code="budget_estimate", issued=jan)
    services.publish(
        actor=root, disclosure=d, posted_on=jan, channels=["notice_board", "web"], evidence=[png()]
    )
    total, rows = selectors.compliance(units.province, year)
    a = next(r for r in rows if r.unit == units.commune_a)
    b = next(r for r in rows if r.unit == units.commune_b)
    assert a.disclosed == 1 and "Dự toán ngân sách xã hằng năm" not in a.missing_items
    assert b.disclosed == 0 and b.missing > a.missing
    assert total.communes == len(rows) and total.missing == sum(r.missing for r in rows)
    nation, provinces = selectors.compliance(units.nation, year)
    assert nation.communes == 3321 and len(provinces) == 34
    lang_son = next(p for p in provinces if p.unit == units.province)
    assert lang_son.disclosed == 1
    page = client_for(carol).get(f"/democracy/cong-khai/tuan-thu/?unit={units.province.code}&year={year}")
    assert page.status_code == 200 and units.commune_a.name in page.content.decode()


def test_the_compliance_view_is_four_queries_whatever_the_number_of_communes(
    root: Any, units: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        selectors.compliance(units.nation, clock.today().year)


def test_the_public_page_lists_what_is_disclosed_now_with_its_documents(
    root: Any, units: Any, client: Any
) -> None:
    d = _draft(root, units.commune_a)
    draft_page = client.get(f"/democracy/xa/{units.commune_a.code}/cong-khai/").content.decode()
    assert d.title not in draft_page
    services.publish(actor=root, disclosure=d, posted_on=clock.today(), channels=["web"], evidence=[png()])
    page = client.get(f"/democracy/xa/{units.commune_a.code}/cong-khai/").content.decode()
    assert d.title in page and "van-ban.pdf" in page
    doc = d.files.get(is_document=True)
    assert client.get(f"/democracy/xa/tep/{doc.pk}/").status_code == 200
    evidence = d.files.get(is_document=False)
    assert client.get(f"/democracy/xa/tep/{evidence.pk}/").status_code == 404  # evidence is not public
    assert client.get(f"/democracy/cong-khai/tep/{doc.pk}/").status_code == 302  # officers' link needs login


def test_bob_cannot_see_or_publish_commune_a_disclosures(root: Any, bob: Any, units: Any) -> None:
    d = _draft(root, units.commune_a)
    client = client_for(bob)
    assert client.get(f"/democracy/cong-khai/{d.pk}/").status_code == 404
    r = client.post(
        f"/democracy/cong-khai/{d.pk}/publish/",
        {
            "publish-version": 0,
            "publish-posted_on": "01/01/2026",
            "publish-channels": ["web"],
            "publish-evidence": [png()],
        },
    )
    assert r.status_code == 404
    assert client.get(f"/democracy/cong-khai/tep/{d.files.first().pk}/").status_code == 404  # type: ignore[union-attr]


def test_a_future_issue_date_is_refused(root: Any, units: Any) -> None:
    with pytest.raises(Refused, match="không được sau ngày hôm nay"):
        _draft(root, units.commune_a, issued=clock.today() + dt.timedelta(days=1))
    assert not Disclosure.objects.exists()


def test_an_officer_creates_a_draft_through_the_form(alice: Any, units: Any) -> None:
    r = client_for(alice).post(
        "/democracy/cong-khai/moi/",
        {
            "unit": units.commune_a.code,
            "item": "admin_procedures",
            "title": "Danh mục thủ tục hành chính",
            "issued_on": clock.today().strftime("%d/%m/%Y"),
            "documents": [pdf()],
        },
    )
    assert r.status_code == 302
    d = Disclosure.objects.get()
    assert d.state == "draft" and d.files.get().is_document


def test_png_bytes_are_kept_as_uploaded(root: Any, units: Any) -> None:
    d = _draft(root, units.commune_a)
    d = services.attach(actor=root, disclosure=d, uploads=[png("bien-ban.png")])
    f = d.files.get(original_name="bien-ban.png")
    assert services.open_file(file=f) == PNG


def test_the_documents_attached_to_a_form_with_an_error_are_kept_for_the_retry(
    alice: Any, units: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for(alice)
    data = {
        "unit": units.commune_a.code,
        "item": "admin_procedures",
        "title": "",
        "issued_on": clock.today().strftime("%d/%m/%Y"),
    }
    r = client.post("/democracy/cong-khai/moi/", {**data, "documents": [pdf("danh-muc.pdf")]})
    assert r.status_code == 400 and not Disclosure.objects.exists()
    held = r.context["form"].held
    assert [f.name for f in held.files] == ["danh-muc.pdf"]
    assert b'data-testid="held-files"' in r.content and b"danh-muc.pdf" in r.content
    assert b"required" not in r.content.split(b'name="documents"')[1].split(b">")[0]
    # the retry sends no file again: the kept one is used
    r = client.post(
        "/democracy/cong-khai/moi/", {**data, "title": "Danh mục thủ tục", "held_files": held.token}
    )
    assert r.status_code == 302
    assert Disclosure.objects.get().files.get().original_name == "danh-muc.pdf"


def test_a_kept_file_ticked_to_drop_is_not_used(alice: Any, units: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for(alice)
    data = {"unit": units.commune_a.code, "item": "admin_procedures", "title": "",
            "issued_on": clock.today().strftime("%d/%m/%Y")}  # fmt: skip
    r = client.post("/democracy/cong-khai/moi/", {**data, "documents": [pdf("a.pdf")]})
    token = r.context["form"].held.token
    r = client.post(
        "/democracy/cong-khai/moi/", {**data, "title": "X", "held_files": token, "drop_held": "0"}
    )
    assert r.status_code == 302
    assert not Disclosure.objects.get().files.exists()
