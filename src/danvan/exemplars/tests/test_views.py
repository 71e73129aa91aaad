from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import client_for
from danvan.core import clock
from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, ExemplarFile, Status
from danvan.exemplars.tests.factories import council_member, photo, png_bytes, recognised, register

pytestmark = pytest.mark.django_db


def _form(**extra: Any) -> dict[str, Any]:
    values = {
        "unit": "",
        "kind": "model",
        "name": "Dân vận khéo trong làm đường giao thông nông thôn ở thôn Nà Lầu",
        "place": "Thôn Nà Lầu",
        "field": "kinh_te",
        "period_start": "15/03/2024",
        "period_end": "",
        "problem": "Đường vào thôn lầy lội",
        "mobilisation": "Họp dân, đảng viên làm trước",
        "supporting_bodies": "",
        "results-TOTAL_FORMS": "3",
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "20",
        "results-0-label": "Đường bê tông",
        "results-0-value": "3,5",
        "results-0-measure": "km",
        "results-1-label": "Nhân dân đóng góp",
        "results-1-value": "1.500.000.000",
        "results-1-measure": "VND",
    }
    values.update(extra)
    return values


def test_an_officer_registers_through_the_form_with_vietnamese_dates_and_numbers(
    alice: Any, units: Any
) -> None:
    response = client_for(alice).post(
        reverse("exemplars:create"), _form(unit=units.commune_a.code, photos=photo())
    )
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "exemplars:detail", args=[exemplar.pk]
    )
    assert exemplar.period_start.strftime("%d/%m/%Y") == "15/03/2024"
    assert sorted(str(r.value) for r in exemplar.results.all()) == ["1500000000.00", "3.50"]


def test_the_form_explains_bad_dates_and_incomplete_results(alice: Any, units: Any) -> None:
    response = client_for(alice).post(
        reverse("exemplars:create"),
        _form(unit=units.commune_a.code, period_start="2024/15/03", **{"results-0-value": ""}),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "hãy nhập theo dạng dd/mm/yyyy" in body and "Kết quả phải có đủ nội dung" in body
    assert not Exemplar.objects.exists()


def test_a_near_duplicate_is_shown_before_saving_and_saved_once_acknowledged(
    alice: Any, bob: Any, units: Any
) -> None:
    first = register(alice, units.commune_a)
    client = client_for(bob)
    response = client.post(reverse("exemplars:create"), _form(unit=units.commune_b.code))
    assert response.status_code == 200
    assert first.name in response.content.decode() and Exemplar.objects.count() == 1
    live = client.get(
        reverse("exemplars:check_duplicates"), {"unit": units.commune_b.code, "name": first.name}
    )
    assert first.name in live.content.decode()
    response = client.post(
        reverse("exemplars:create"), _form(unit=units.commune_b.code, acknowledged_duplicates="on")
    )
    assert response.status_code == 302 and Exemplar.objects.count() == 2


def test_an_officer_of_another_commune_gets_404_on_a_draft_and_a_supervisor_reads_but_cannot_act(
    alice: Any, bob: Any, olga: Any, carol: Any, units: Any
) -> None:
    draft = register(alice, units.commune_a)
    url = reverse("exemplars:detail", args=[draft.pk])
    assert client_for(bob).get(url).status_code == 404
    assert client_for(olga).get(url).status_code == 404
    supervisor = client_for(carol)
    assert supervisor.get(url).status_code == 200
    supervisor.post(reverse("exemplars:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.name not in client_for(bob).get(reverse("exemplars:list")).content.decode()
    assert draft.name in supervisor.get(reverse("exemplars:list")).content.decode()


def test_the_public_gallery_needs_no_login_and_shows_only_recognised_models(alice: Any, units: Any) -> None:
    shown = recognised(alice, units.commune_a)
    draft = register(alice, units.commune_a, name="Chi hội phụ nữ tự quản thôn Bản Chắt")
    anonymous = Client()
    body = anonymous.get(reverse("exemplars:gallery"), {"q": "duong giao thong"}).content.decode()
    assert shown.name in body and draft.name not in body
    detail = anonymous.get(reverse("exemplars:public_detail", args=[shown.pk]))
    assert detail.status_code == 200 and "125/QĐ-UBND" in detail.content.decode()
    assert anonymous.get(reverse("exemplars:public_detail", args=[draft.pk])).status_code == 404


def test_photos_of_a_draft_are_not_served_to_the_public_but_photos_of_a_recognised_model_are(
    alice: Any, units: Any
) -> None:
    draft = services.register(
        actor=alice,
        unit=units.commune_a,
        data=register.__globals__["data"](name="Chi hội phụ nữ tự quản thôn Bản Chắt"),
        photos=[photo()],
    )
    stored = ExemplarFile.objects.get(exemplar=draft)
    assert Client().get(reverse("exemplars:file", args=[stored.pk])).status_code == 404
    assert client_for(alice).get(reverse("exemplars:file", args=[stored.pk])).status_code == 200
    shown = recognised(alice, units.commune_a)
    services.add_files(actor=alice, exemplar=shown, photos=[photo("b.png")])
    public = ExemplarFile.objects.get(exemplar=shown)
    response = Client().get(reverse("exemplars:file", args=[public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == png_bytes()  # type: ignore[attr-defined]


def test_a_judge_scores_through_the_sheet_and_out_of_range_scores_are_explained(
    alice: Any, hanna: Any, units: Any
) -> None:
    exemplar = services.submit(actor=alice, exemplar=register(alice, units.commune_a))
    evaluation = services.open_evaluation(actor=hanna, exemplar=exemplar, judge_ids=[hanna.pk])
    criteria = list(evaluation.criteria_set.criteria.all())
    url = reverse("exemplars:score", args=[exemplar.pk])
    assert client_for(alice).get(url).status_code == 403
    judge = client_for(hanna)
    bad = judge.post(url, {f"c{c.pk}": "12" for c in criteria})
    assert "điểm phải từ 0 đến 10" in bad.content.decode()
    good = judge.post(url, {f"c{c.pk}": "8,5" for c in criteria})
    assert good.status_code == 302
    page = judge.get(reverse("exemplars:detail", args=[exemplar.pk])).content.decode()
    assert "Đề nghị công nhận" in page and "68" in page


def test_recognition_without_a_decision_number_is_refused_with_a_message(alice: Any, units: Any) -> None:
    exemplar = services.submit(actor=alice, exemplar=register(alice, units.commune_a))
    judge = council_member(units.commune_a)
    evaluation = services.open_evaluation(actor=alice, exemplar=exemplar, judge_ids=[judge.pk])
    services.score_exemplar(
        actor=judge, exemplar=exemplar, scores={c.pk: 9 for c in evaluation.criteria_set.criteria.all()}
    )
    client = client_for(alice)
    response = client.post(
        reverse("exemplars:recognise", args=[exemplar.pk]),
        {
            "level": "commune",
            "decision_number": "",
            "decision_date": clock.today().strftime("%d/%m/%Y"),
        },
    )
    # the page again, the input kept and the message beside the form (not a redirect that loses it)
    assert response.status_code == 400 and "Thiếu số quyết định" in response.content.decode()
    exemplar.refresh_from_db()
    assert exemplar.status == Status.UNDER_EVALUATION


def test_the_figures_page_counts_within_the_officers_subtree(
    alice: Any, carol: Any, olga: Any, units: Any
) -> None:
    recognised(alice, units.commune_a)
    page = client_for(carol).get(reverse("exemplars:figures"), {"unit": units.province.code})
    assert page.status_code == 200
    assert '<th class="num" data-testid="total-recognised">1</th>' in page.content.decode()
    chart = json.loads(re.search(r'id="chart-figures"[^>]*>(.*?)</script>', page.content.decode()).group(1))  # type: ignore[union-attr]
    assert chart["data"]["datasets"][1] | {"backgroundColor": ""} == {
        "label": "Được công nhận",
        "data": [1],
        "backgroundColor": "",
    }
    assert (
        client_for(olga).get(reverse("exemplars:figures"), {"unit": units.province.code}).status_code == 404
    )


def test_the_dashboard_shows_the_exemplars_card_and_the_nav_links(alice: Any, units: Any) -> None:
    register(alice, units.commune_a)
    body = client_for(alice).get(reverse("portal:dashboard")).content.decode()
    assert 'data-testid="card-exemplars"' in body and reverse("exemplars:list") in body
    assert reverse("exemplars:gallery") in Client().get(reverse("portal:home")).content.decode()


def test_criteria_and_contest_pages_work_through_the_scope(alice: Any, carol: Any, units: Any) -> None:
    from danvan.conftest import make_user

    organiser = make_user("pauline", units.province, "officer")
    client = client_for(organiser)
    assert "Có tên gọi cụ thể" in client.get(reverse("exemplars:criteria")).content.decode()
    response = client.post(
        reverse("exemplars:contest_list"),
        {
            "unit": units.province.code,
            "name": "Hội thi Dân vận khéo 2025",
            "year": "2025",
            "description": "",
            "rounds": "Vòng chung kết",
            "criteria": "Nội dung | 60\nTrình bày | 40",
        },
    )
    assert response.status_code == 302
    contest_url = response["Location"]
    client.post(contest_url + "judges/", {"user": str(organiser.pk)})
    contest_page = client.get(contest_url).content.decode()
    assert "Phiếu chấm của bạn" in contest_page
    bad = client.post(
        reverse("exemplars:contest_list"),
        {
            "unit": units.province.code,
            "name": "Hội thi X2",
            "year": "2025",
            "rounds": "V1",
            "criteria": "Nội dung 60",
        },
    )
    assert "nội dung | điểm tối đa" in bad.content.decode()
    assert client_for(alice).get(contest_url).status_code == 404


def test_an_officer_edits_a_draft_but_not_once_it_is_submitted(alice: Any, bob: Any, units: Any) -> None:
    exemplar = register(alice, units.commune_a)
    client = client_for(alice)
    url = reverse("exemplars:edit", args=[exemplar.pk])
    assert client_for(bob).get(url).status_code == 404
    assert "Thôn Nà Lầu" in client.get(url).content.decode()
    response = client.post(
        url, _form(unit=units.commune_a.code, place="Thôn Bản Chắt", version=str(exemplar.version))
    )
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.place == "Thôn Bản Chắt" and " ban chat " in exemplar.search_text
    assert exemplar.results.count() == 2
    stale = client.post(url, _form(unit=units.commune_a.code, version="1"))
    assert "vừa được người khác cập nhật" in stale.content.decode()
    services.submit(actor=alice, exemplar=exemplar)
    assert client.get(url, follow=True).redirect_chain[-1][0] == reverse(
        "exemplars:detail", args=[exemplar.pk]
    )


def test_the_photo_attached_to_a_form_with_an_error_is_kept_for_the_retry(
    alice: Any, units: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for(alice)
    response = client.post(
        reverse("exemplars:create"),
        _form(unit=units.commune_a.code, period_start="2024/15/03", photos=photo()),
    )
    assert response.status_code == 200 and not Exemplar.objects.exists()
    kept = response.context["form"].held
    assert [f.field for f in kept.files] == ["photos"]
    assert 'data-testid="held-files"' in response.content.decode()
    response = client.post(
        reverse("exemplars:create"), _form(unit=units.commune_a.code, held_files=kept.token)
    )
    assert response.status_code == 302
    assert ExemplarFile.objects.filter(exemplar=Exemplar.objects.get()).count() == 1
