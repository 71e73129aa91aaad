"""The movement's regulations hold in the services and on the page (issue #14, case 1 and 6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.conftest import client_for, make_user
from danvan.core import clock
from danvan.core.workflow import NotPermitted, Refused
from danvan.exemplars import selectors, services
from danvan.exemplars.models import Exemplar, Status
from danvan.exemplars.tests.factories import council_member, register

pytestmark = pytest.mark.django_db


def _submitted(alice: Any, units: Any) -> Exemplar:
    exemplar = register(alice, units.commune_a)
    return services.submit(actor=alice, exemplar=exemplar)


def _scored(exemplar: Exemplar, judges: list[Any], value: Any) -> Exemplar:
    exemplar = Exemplar.objects.get(pk=exemplar.pk)
    for judge in judges:
        criteria = exemplar.evaluation.criteria_set.criteria.all()
        services.score_exemplar(actor=judge, exemplar=exemplar, scores={c.pk: value for c in criteria})
    return Exemplar.objects.get(pk=exemplar.pk)


def _recognise(actor: Any, exemplar: Exemplar, level: str = "commune", note: str = "") -> Exemplar:
    return services.recognise(
        actor=actor,
        exemplar=exemplar,
        level=level,
        decision_number="12/QĐ-UBND",
        decision_date=clock.today(),
        note=note,
    )


def test_a_ward_head_cannot_recognise_at_central_level(alice: Any, hanna: Any, units: Any) -> None:
    exemplar = _submitted(alice, units)
    council = council_member(units.commune_a)
    services.open_evaluation(actor=hanna, exemplar=exemplar, judge_ids=[council.pk])
    exemplar = _scored(exemplar, [council], 10)
    with pytest.raises(NotPermitted, match="chỉ công nhận ở cấp mình hoặc cấp dưới"):
        _recognise(hanna, exemplar, level="central")
    with pytest.raises(NotPermitted, match="cấp mình hoặc cấp dưới"):
        _recognise(hanna, exemplar, level="province")
    assert Exemplar.objects.get(pk=exemplar.pk).status == Status.UNDER_EVALUATION
    page = client_for(hanna).get(reverse("exemplars:detail", args=[exemplar.pk])).content.decode()
    assert 'value="commune"' in page and 'value="central"' not in page and 'value="province"' not in page
    assert _recognise(hanna, exemplar, level="commune").status == Status.RECOGNISED


def test_a_province_head_recognises_at_province_level(alice: Any, hanna: Any, units: Any) -> None:
    exemplar = _submitted(alice, units)
    council = council_member(units.commune_a)
    services.open_evaluation(actor=hanna, exemplar=exemplar, judge_ids=[council.pk])
    exemplar = _scored(exemplar, [council], 10)
    head = make_user("tinh-head", units.province, "unit_head")
    with pytest.raises(NotPermitted):
        _recognise(head, exemplar, level="central")
    assert _recognise(head, exemplar, level="province").recognition_level == "province"


def test_recognition_waits_for_the_councils_quorum(alice: Any, hanna: Any, units: Any) -> None:
    exemplar = _submitted(alice, units)
    council = council_member(units.commune_a)
    services.open_evaluation(actor=hanna, exemplar=exemplar, judge_ids=[council.pk, hanna.pk])
    exemplar = _scored(exemplar, [council], 10)  # 1 of 2 members scored
    with pytest.raises(Refused, match=r"Chưa đủ phiếu chấm của hội đồng \(1/2"):
        _recognise(hanna, exemplar)
    assert Exemplar.objects.get(pk=exemplar.pk).status == Status.UNDER_EVALUATION
    exemplar = _scored(exemplar, [hanna], 10)
    assert _recognise(hanna, exemplar).status == Status.RECOGNISED


def test_the_submitter_cannot_name_herself_a_judge(alice: Any, hanna: Any, units: Any) -> None:
    exemplar = _submitted(alice, units)
    with pytest.raises(Refused, match="không thể là thành viên hội đồng thẩm định"):
        services.open_evaluation(actor=alice, exemplar=exemplar, judge_ids=[alice.pk])
    assert Exemplar.objects.get(pk=exemplar.pk).status == Status.SUBMITTED
    assert alice not in selectors.judge_candidates(exemplar)
    page = client_for(alice).get(reverse("exemplars:detail", args=[exemplar.pk])).content.decode()
    assert f'value="{alice.pk}"' not in page and f'value="{hanna.pk}"' in page


def test_the_judges_picker_lists_only_people_of_the_exemplars_unit_and_province(
    alice: Any, hanna: Any, bob: Any, olga: Any, dave: Any, root: Any, units: Any
) -> None:
    province_officer = make_user("pauline", units.province, "officer")
    exemplar = _submitted(alice, units)
    candidates = selectors.judge_candidates(exemplar)
    assert hanna in candidates and province_officer in candidates
    # another commune, another province, the national supervisor, the system administrator: not listed
    for outsider in (bob, olga, dave, root):
        assert outsider not in candidates
    page = client_for(hanna).get(reverse("exemplars:detail", args=[exemplar.pk])).content.decode()
    assert 'data-filter-target="judges"' in page  # the search box over the list


def test_a_head_who_overrides_the_councils_proposal_records_a_reason(
    alice: Any, hanna: Any, units: Any
) -> None:
    exemplar = _submitted(alice, units)
    council = council_member(units.commune_a)
    services.open_evaluation(actor=hanna, exemplar=exemplar, judge_ids=[council.pk])
    exemplar = _scored(exemplar, [council], 3)  # 30 % < 70 %: the council proposes not to recognise
    officer = make_user("can-bo", units.commune_a, "officer")
    with pytest.raises(NotPermitted, match="chỉ lãnh đạo đơn vị mới quyết định khác đề xuất"):
        _recognise(officer, exemplar, note="Mô hình có ý nghĩa")
    with pytest.raises(Refused, match="hãy ghi rõ lý do"):
        _recognise(hanna, exemplar)
    done = _recognise(hanna, exemplar, note="Mô hình có ý nghĩa đặc biệt với địa phương")
    assert done.status == Status.RECOGNISED
    assert "ý nghĩa đặc biệt" in done.history.get(action="recognise").reason


def test_a_council_member_who_submitted_the_exemplar_cannot_score_it(
    alice: Any, hanna: Any, units: Any
) -> None:
    exemplar = _submitted(alice, units)
    council = council_member(units.commune_a)
    services.open_evaluation(actor=hanna, exemplar=exemplar, judge_ids=[council.pk])
    from danvan.exemplars.models import Judge

    Judge.objects.create(evaluation=exemplar.evaluation, user=alice)  # an old council named before the rule
    with pytest.raises(NotPermitted, match="không chấm điểm hồ sơ"):
        _scored(exemplar, [alice], 10)
