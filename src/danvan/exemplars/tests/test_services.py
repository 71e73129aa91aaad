from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import clock
from danvan.core.models import AuditEntry
from danvan.core.workflow import Refused
from danvan.exemplars import selectors, services
from danvan.exemplars.models import (
    Criterion,
    Exemplar,
    ExemplarFile,
    ExemplarHistory,
    Field,
    Replication,
    Score,
    Status,
)
from danvan.exemplars.tests.factories import RESULTS, council_member, data, photo, recognised, register
from danvan.reporting.registry import get_indicator

pytestmark = pytest.mark.django_db


def _files_on_disk() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "exemplars"
    return set(root.rglob("*")) if root.exists() else set()


def test_an_officer_registers_a_model_as_a_draft_with_typed_results_history_and_audit(
    alice: Any, units: Any
) -> None:
    exemplar = services.register(
        actor=alice, unit=units.commune_a, data=data(), results=RESULTS, photos=[photo()]
    )
    assert exemplar.status == Status.DRAFT
    assert [(r.measure, r.value) for r in exemplar.results.all()] == [
        ("km", Decimal("3.50")),
        ("hộ", Decimal("42.00")),
        ("VND", Decimal("850000000.00")),
    ]
    assert " duong giao thong nong thon " in exemplar.search_text
    assert ExemplarHistory.objects.filter(exemplar=exemplar, to_state=Status.DRAFT).count() == 1
    assert AuditEntry.objects.filter(object_type="exemplars.exemplar", object_id=str(exemplar.pk)).exists()
    stored = ExemplarFile.objects.get(exemplar=exemplar)
    assert stored.content_type == "image/png" and stored.kind == "photo"


def test_a_file_named_like_a_photo_that_is_not_an_image_is_refused_and_nothing_is_saved(
    alice: Any, units: Any
) -> None:
    before = _files_on_disk()
    fake = SimpleUploadedFile(
        "anh.jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg", content_type="image/jpeg"
    )
    with pytest.raises(Refused, match="không phải là ảnh hợp lệ"):
        services.register(actor=alice, unit=units.commune_a, data=data(), photos=[photo(), fake])
    assert not Exemplar.objects.exists()
    assert _files_on_disk() == before


def test_a_document_whose_content_does_not_match_its_extension_is_refused(alice: Any, units: Any) -> None:
    fake_pdf = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    with pytest.raises(Refused, match="không khớp"):
        services.register(actor=alice, unit=units.commune_a, data=data(), documents=[fake_pdf])
    good = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    exemplar = services.register(actor=alice, unit=units.commune_a, data=data(), documents=[good])
    assert exemplar.files.get().content_type == "application/pdf"


def test_bad_registration_input_gives_vietnamese_messages_and_saves_nothing(alice: Any, units: Any) -> None:
    with pytest.raises(Refused) as exc:
        services.register(
            actor=alice,
            unit=units.commune_a,
            data=data(name="Ab", period_end=clock.today() - dt.timedelta(days=900)),
            results=[services.ResultInput("Hộ", Decimal(-1), "hộ")],
        )
    text = str(exc.value)
    assert "Tên mô hình quá ngắn" in text and "Ngày kết thúc" in text and "không được âm" in text
    assert not Exemplar.objects.exists()


def test_an_officer_cannot_register_for_a_unit_outside_their_scope(bob: Any, units: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.register(actor=bob, unit=units.commune_a, data=data())


def test_the_same_model_registered_again_by_a_neighbouring_commune_is_flagged_before_saving(
    alice: Any, bob: Any, olga: Any, units: Any
) -> None:
    first = register(alice, units.commune_a)
    with pytest.raises(services.PossibleDuplicate) as exc:
        services.register(
            actor=bob,
            unit=units.commune_b,
            data=data(name="Dân vận khéo làm đường giao thông nông thôn thôn Nà Lầu"),
        )
    assert [c.exemplar.pk for c in exc.value.candidates] == [first.pk]
    assert Exemplar.objects.count() == 1
    # acknowledged: saved
    services.register(
        actor=bob,
        unit=units.commune_b,
        data=data(name="Dân vận khéo làm đường giao thông nông thôn thôn Nà Lầu"),
        acknowledged_duplicates=True,
    )
    # another province is not a neighbour; a different model is not a duplicate
    services.register(actor=olga, unit=units.commune_c, data=data())
    services.register(
        actor=alice,
        unit=units.commune_a,
        data=data(
            name="Camera an ninh khu dân cư Bản Chắt", problem="Trộm cắp vặt", field=Field.DEFENCE_SECURITY
        ),
    )
    assert Exemplar.objects.count() == 4


def test_criteria_are_seeded_from_the_movement_defaults_per_province_and_year(units: Any) -> None:
    criteria_set = services.ensure_criteria_set(province=units.province, year=2025)
    texts = [c.text for c in criteria_set.criteria.all()]
    assert len(texts) == 8 and texts[0].startswith("Có tên gọi cụ thể")
    assert services.ensure_criteria_set(province=units.province, year=2025).pk == criteria_set.pk
    assert services.ensure_criteria_set(province=units.province, year=2026).pk != criteria_set.pk


def test_a_province_officer_edits_the_criteria_but_not_once_they_have_been_used_to_score(
    alice: Any, units: Any
) -> None:
    from danvan.conftest import make_user

    province_officer = make_user("pauline", units.province, "officer")
    criteria_set = services.ensure_criteria_set(province=units.province, year=clock.today().year)
    with pytest.raises(PermissionDenied):
        services.update_criteria(
            actor=alice,
            criteria_set=criteria_set,
            name="X",
            pass_percent=60,
            criteria=[services.CriterionInput("A", Decimal(5))],
            version=criteria_set.version,
        )
    with pytest.raises(Refused, match="điểm tối đa phải lớn hơn"):
        services.update_criteria(
            actor=province_officer,
            criteria_set=criteria_set,
            name="X",
            pass_percent=60,
            criteria=[services.CriterionInput("A", Decimal(0))],
            version=criteria_set.version,
        )
    updated = services.update_criteria(
        actor=province_officer,
        criteria_set=criteria_set,
        name="Tiêu chí 2025",
        pass_percent=60,
        criteria=[
            services.CriterionInput("Hiệu quả", Decimal(50)),
            services.CriterionInput("Nhân rộng", Decimal(50)),
        ],
        version=criteria_set.version,
    )
    assert [c.max_score for c in updated.criteria.all()] == [Decimal(50), Decimal(50)]
    recognised(province_officer, units.commune_a)
    with pytest.raises(Refused, match="đã được dùng để chấm điểm"):
        services.update_criteria(
            actor=province_officer,
            criteria_set=updated,
            name="Y",
            pass_percent=70,
            criteria=[services.CriterionInput("Z", Decimal(10))],
            version=updated.version,
        )


def _under_evaluation(alice: Any, hanna: Any, units: Any) -> Exemplar:
    """Alice registers and submits; the head opens a council of herself and a province member."""
    exemplar = register(alice, units.commune_a)
    exemplar = services.submit(actor=alice, exemplar=exemplar)
    services.open_evaluation(
        actor=hanna, exemplar=exemplar, judge_ids=[hanna.pk, council_member(units.commune_a).pk]
    )
    return Exemplar.objects.get(pk=exemplar.pk)


def _full_sheet(judge: Any, exemplar: Exemplar, value: Any) -> None:
    criteria = exemplar.evaluation.criteria_set.criteria.all()
    services.score_exemplar(actor=judge, exemplar=exemplar, scores={c.pk: value for c in criteria})


def test_scores_outside_a_criterions_range_are_refused_and_nothing_of_the_sheet_is_saved(
    alice: Any, hanna: Any, units: Any
) -> None:
    exemplar = _under_evaluation(alice, hanna, units)
    criteria = list(Criterion.objects.filter(criteria_set=exemplar.evaluation.criteria_set))
    scores: dict[int, Any] = {c.pk: "8" for c in criteria}
    scores[criteria[2].pk] = "11"
    scores[criteria[3].pk] = "-1"
    with pytest.raises(Refused) as exc:
        services.score_exemplar(actor=hanna, exemplar=exemplar, scores=scores)
    assert str(exc.value).count("điểm phải từ 0 đến 10") == 2
    assert not Score.objects.exists()


def test_only_council_members_score_and_the_platform_totals_and_proposes_a_decision(
    alice: Any, hanna: Any, victor: Any, units: Any
) -> None:
    exemplar = _under_evaluation(alice, hanna, units)
    criteria = list(exemplar.evaluation.criteria_set.criteria.all())
    with pytest.raises(Refused, match="không phải thành viên hội đồng"):
        services.score_exemplar(actor=victor, exemplar=exemplar, scores={c.pk: 5 for c in criteria})
    services.score_exemplar(actor=hanna, exemplar=exemplar, scores={c.pk: "9" for c in criteria})
    summary = selectors.evaluation_summary(exemplar.evaluation)
    assert summary.complete_sheets == 1 and summary.average == Decimal(72)
    assert summary.proposal == "" and not summary.quorum_met  # 1 of 2 members: no proposal yet
    council = council_member(units.commune_a)
    services.score_exemplar(actor=council, exemplar=exemplar, scores={c.pk: "3,5" for c in criteria})
    summary = selectors.evaluation_summary(exemplar.evaluation)
    assert summary.average == Decimal(50) and summary.percent == Decimal("62.5")
    assert summary.proposal == "refuse"


def test_recognition_is_refused_without_a_decision_number(alice: Any, hanna: Any, units: Any) -> None:
    exemplar = _under_evaluation(alice, hanna, units)
    _full_sheet(hanna, exemplar, 9)
    _full_sheet(council_member(units.commune_a), exemplar, 9)
    with pytest.raises(Refused, match="Thiếu số quyết định"):
        services.recognise(
            actor=hanna,
            exemplar=exemplar,
            level="commune",
            decision_number=" ",
            decision_date=clock.today(),
        )
    assert Exemplar.objects.get(pk=exemplar.pk).status == Status.UNDER_EVALUATION
    done = services.recognise(
        actor=hanna,
        exemplar=exemplar,
        level="commune",
        decision_number="88/QĐ-UBND",
        decision_date=clock.today(),
        award="giay_khen",
        award_body="Chủ tịch UBND xã",
    )
    assert done.status == Status.RECOGNISED and done.recognition_level == "commune"


def test_an_illegal_transition_is_refused_with_a_clear_message(alice: Any, units: Any) -> None:
    exemplar = register(alice, units.commune_a)
    with pytest.raises(Refused, match="Không thể chuyển hồ sơ từ trạng thái “Dự thảo” sang “Đã đưa ra khỏi"):
        services.retire(actor=alice, exemplar=exemplar, reason="Không còn hiệu quả")


def test_a_stale_version_loses_against_a_concurrent_change(alice: Any, units: Any) -> None:
    exemplar = register(alice, units.commune_a)
    services.submit(actor=alice, exemplar=exemplar, version=exemplar.version)
    with pytest.raises(Refused, match="vừa được người khác cập nhật"):
        services.submit(actor=alice, exemplar=exemplar, version=exemplar.version)


def test_the_gallery_finds_recognised_models_by_words_without_diacritics_field_and_province(
    alice: Any, olga: Any, units: Any
) -> None:
    shown = recognised(alice, units.commune_a)
    register(alice, units.commune_a, name="Đường hoa thôn Bản Chắt bản nháp")  # a draft: never public
    other = recognised(
        olga,
        units.commune_c,
        name="Camera an ninh ấp Tân Lộc",
        field=Field.DEFENCE_SECURITY,
        place="Ấp Tân Lộc",
        problem="Trộm cắp vặt",
        mobilisation="Vận động hộ dân góp tiền lắp camera",
    )
    assert [e.pk for e in selectors.gallery(query="DUONG giao thong").items] == [shown.pk]
    assert [e.pk for e in selectors.gallery(query="đường Nà Lầu").items] == [shown.pk]
    assert selectors.gallery(query="ban chat").items == []
    assert [e.pk for e in selectors.gallery(field=Field.DEFENCE_SECURITY).items] == [other.pk]
    assert [e.pk for e in selectors.gallery(province="20").items] == [shown.pk]
    assert [e.pk for e in selectors.gallery(query="camera", province="20").items] == []


def test_the_gallery_pages_with_a_cursor_when_every_word_is_common(
    alice: Any, units: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "RARE_CAP", 2)  # force the postings scan
    monkeypatch.setattr(selectors, "POSTINGS_BATCH", 2)
    monkeypatch.setattr(selectors, "DENSE_WINDOW", 2)
    made = [recognised(alice, units.commune_a, name=f"Mô hình đường giao thông số {i}") for i in range(5)]
    first = selectors.search(Exemplar.objects.filter(status=Status.RECOGNISED), "giao thong", limit=3)
    assert [e.pk for e in first.items] == [e.pk for e in reversed(made)][:3]
    second = selectors.search(
        Exemplar.objects.filter(status=Status.RECOGNISED), "giao thong", limit=3, cursor=first.next_cursor
    )
    assert [e.pk for e in second.items] == [made[1].pk, made[0].pk] and second.next_cursor is None


def test_replicating_an_unrecognised_model_is_refused(alice: Any, bob: Any, units: Any) -> None:
    draft = register(alice, units.commune_a)
    with pytest.raises(Refused, match="Chỉ nhân rộng được mô hình đã được công nhận"):
        services.replicate(actor=bob, exemplar=draft, unit=units.commune_b, adopted_on=clock.today())
    assert not Replication.objects.exists()


def test_a_unit_adopts_a_recognised_model_and_the_model_shows_where_it_spread(
    alice: Any, bob: Any, olga: Any, units: Any
) -> None:
    exemplar = recognised(alice, units.commune_a)
    today = clock.today()
    services.replicate(
        actor=bob, exemplar=exemplar, unit=units.commune_b, adopted_on=today - dt.timedelta(days=40)
    )
    services.replicate(actor=olga, exemplar=exemplar, unit=units.commune_c, adopted_on=today)
    with pytest.raises(Refused, match="đã ghi nhận áp dụng"):
        services.replicate(actor=bob, exemplar=exemplar, unit=units.commune_b, adopted_on=today)
    with pytest.raises(PermissionDenied):
        services.replicate(actor=bob, exemplar=exemplar, unit=units.commune_c, adopted_on=today)
    assert [r.unit for r in selectors.replications(exemplar)] == [units.commune_b, units.commune_c]
    chart = selectors.replication_chart(exemplar)
    assert chart["data"]["datasets"][0]["data"][-1] == 2


def test_the_yearly_review_retires_a_model_with_a_reason_and_it_leaves_the_gallery(
    alice: Any, units: Any
) -> None:
    exemplar = recognised(alice, units.commune_a)
    with pytest.raises(Refused, match="lý do"):
        services.retire(actor=alice, exemplar=exemplar, reason="")
    services.retire(actor=alice, exemplar=exemplar, reason="Mô hình không còn duy trì", review_year=2026)
    exemplar.refresh_from_db()
    assert exemplar.status == Status.RETIRED and exemplar.retired_reason == "Mô hình không còn duy trì"
    assert exemplar.history.last().reason.startswith("Rà soát năm 2026")  # type: ignore[union-attr]
    assert selectors.gallery().items == []


def test_the_indicators_count_registered_recognised_retired_and_replicated_per_unit(
    alice: Any, bob: Any, units: Any
) -> None:
    today = clock.today()
    first = recognised(alice, units.commune_a)
    second = recognised(
        alice, units.commune_a, name="Camera an ninh khu dân cư", field=Field.DEFENCE_SECURITY
    )
    register(bob, units.commune_b, name="Chi hội phụ nữ tự quản", field=Field.POLITICAL_SYSTEM)
    services.retire(actor=alice, exemplar=second, reason="Không còn hiệu quả")
    services.replicate(actor=bob, exemplar=first, unit=units.commune_b, adopted_on=today)

    def figures(code: str) -> dict[int, float]:
        indicator = get_indicator(code)
        assert indicator is not None and indicator.compute is not None
        return {f.unit_id: f.numerator for f in indicator.compute(today, today)}

    assert figures("exemplars.registered") == {units.commune_a.pk: 2, units.commune_b.pk: 1}
    assert figures("exemplars.recognised") == {units.commune_a.pk: 2}
    assert figures("exemplars.retired") == {units.commune_a.pk: 1}
    assert figures("exemplars.replicated") == {units.commune_b.pk: 1}
    rows, total = selectors.figures_table(units.province, today, today)
    assert total.values == {"registered": 3, "recognised": 2, "retired": 1, "replicated": 1}
    assert {r.unit.pk for r in rows} == {units.commune_a.pk, units.commune_b.pk}
    _, economy = selectors.figures_table(units.province, today, today, Field.ECONOMY)
    assert economy.values["registered"] == 1


def test_a_contest_runs_from_entries_and_scoring_sheets_to_a_published_ranking(
    alice: Any, bob: Any, carol: Any, units: Any
) -> None:
    from danvan.conftest import make_user

    organiser = make_user("pauline", units.province, "officer")
    contest = services.create_contest(
        actor=organiser,
        unit=units.province,
        name="Hội thi Dân vận khéo tỉnh 2025",
        year=2025,
        criteria=[
            services.CriterionInput("Nội dung", Decimal(60)),
            services.CriterionInput("Trình bày", Decimal(40)),
        ],
    )
    services.add_contest_judge(actor=organiser, contest=contest, user=carol)
    services.add_contest_judge(actor=organiser, contest=contest, user=organiser)
    round1 = contest.rounds.first()
    assert round1 is not None
    with pytest.raises(Refused, match="không thuộc địa bàn"):
        services.add_contest_entry(actor=organiser, round=round1, unit=units.commune_c, title="Ngoài tỉnh")
    a = services.add_contest_entry(actor=organiser, round=round1, unit=units.commune_a, title="Đường làng")
    b = services.add_contest_entry(
        actor=organiser, round=round1, unit=units.commune_b, title="Camera an ninh"
    )
    c1, c2 = list(contest.criteria.all())
    with pytest.raises(Refused, match="điểm phải từ 0 đến 40"):
        services.score_contest_entry(actor=carol, entry=a, scores={c1.pk: 50, c2.pk: 41})
    with pytest.raises(Refused, match="không phải giám khảo"):
        services.score_contest_entry(actor=alice, entry=a, scores={c1.pk: 50, c2.pk: 30})
    services.score_contest_entry(actor=carol, entry=a, scores={c1.pk: 50, c2.pk: 30})
    services.score_contest_entry(actor=organiser, entry=a, scores={c1.pk: 40, c2.pk: 30})
    services.score_contest_entry(actor=carol, entry=b, scores={c1.pk: 55, c2.pk: 20})
    ranking = selectors.contest_ranking(contest)[round1.pk]
    assert [(r.entry.pk, r.rank, r.average) for r in ranking] == [
        (a.pk, 1, Decimal(75)),
        (b.pk, 1, Decimal(75)),
    ]
    services.score_contest_entry(actor=organiser, entry=b, scores={c1.pk: 50, c2.pk: 20})
    ranking = selectors.contest_ranking(contest)[round1.pk]
    assert [(r.entry.pk, r.rank) for r in ranking] == [(a.pk, 1), (b.pk, 2)]
    services.publish_contest(actor=organiser, contest=contest)
    assert contest in selectors.published_contests()
    with pytest.raises(Refused, match="đã công bố"):
        services.score_contest_entry(actor=carol, entry=b, scores={c1.pk: 60, c2.pk: 40})


def test_the_replication_chart_shows_every_month_with_zeros_between_adoptions(
    alice: Any, bob: Any, olga: Any, units: Any
) -> None:
    exemplar = recognised(alice, units.commune_a)
    today = clock.today()
    first = (today.replace(day=1) - dt.timedelta(days=100)).replace(day=15)  # three to four months back
    services.replicate(actor=bob, exemplar=exemplar, unit=units.commune_b, adopted_on=min(first, today))
    services.replicate(actor=olga, exemplar=exemplar, unit=units.commune_c, adopted_on=today)
    chart = selectors.replication_chart(exemplar)
    labels = chart["data"]["labels"]
    months = (today.year - first.year) * 12 + today.month - first.month + 1
    assert len(labels) == months and labels[0] == f"{first.month:02d}/{first.year}"
    new = chart["data"]["datasets"][1]["data"]
    assert new[0] == 1 and new[-1] == 1 and all(n == 0 for n in new[1:-1])
