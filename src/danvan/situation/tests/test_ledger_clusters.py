"""The ledger reuses the petitions' field classifier (mapped field → topic, keywords as the fallback) and
the duplicate engine (near-identical copies within a topic and place counted as one cluster)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.accounts.scoping import scope_for
from danvan.conftest import client_for
from danvan.core import clock
from danvan.engagement.models import Dialogue, DialogueQuestion
from danvan.petitions import services as petitions
from danvan.situation import selectors, services
from danvan.situation.classify import taxonomy
from danvan.situation.models import Signal, Topic
from danvan.situation.services.clusters import cluster_pending

pytestmark = pytest.mark.django_db

LETTER = (
    "Chúng tôi là các hộ dân thôn Đông phản ánh việc xưởng tái chế nhựa đầu thôn xả nước thải chưa xử lý "
    "ra mương thủy lợi suốt ba tháng nay, cá chết trắng mương, lúa vàng lá, trẻ em ho nhiều. Đề nghị xã "
    "kiểm tra, đình chỉ xưởng và công khai kết quả cho bà con được biết."
)


def _signal(n: int, title: str, unit: Any, province: Any, topic: Any, days_ago: int = 1) -> Signal:
    return Signal.objects.create(
        source="petition", source_id=n, page_id=n, code=f"X{n}", title=title[:200], topic=topic, unit=unit,
        province=province, on=clock.today() - dt.timedelta(days=days_ago),
    )  # fmt: skip


def _question(unit: Any, text: str) -> DialogueQuestion:
    dialogue = Dialogue.objects.create(
        unit=unit, title="Đối thoại với nhân dân", host_role="commune_chairman", host_name="Chủ tịch",
        starts_at=timezone.now() - dt.timedelta(days=1), state="held", held_on=clock.today(),
    )  # fmt: skip
    return DialogueQuestion.objects.create(dialogue=dialogue, source="on_site", text=text)


def test_a_dialogue_question_naming_no_topic_keyword_is_filed_by_the_petitions_field_classifier(
    units: Any, topic: Any
) -> None:
    text = "Xưởng chế biến xả khói đen suốt đêm, bà con khó thở"
    assert taxonomy().for_text(text, fallback=False) is None  # no keyword of any topic in it
    _question(units.commune_a, text)
    services.collect(since=clock.today() - dt.timedelta(days=3))
    signal = Signal.objects.get(source="dialogue")
    assert signal.topic == topic["moi_truong"] and signal.unit == units.commune_a
    assert signal.signature and signal.clustered


def test_keywords_decide_only_when_the_classifier_is_unsure_or_reads_other(topic: Any) -> None:
    tax = taxonomy()
    text = "Bà con hỏi về lễ hội ở chùa làng"
    assert tax.for_classified(text, ("moi_truong", 0.9)) == topic["moi_truong"].pk
    assert tax.for_classified(text, ("khac", 0.9)) == topic["ton_giao"].pk  # "other": the keywords
    assert tax.for_classified(text, ("moi_truong", 0.3)) == topic["ton_giao"].pk  # unsure: the keywords
    assert tax.for_classified(text, None) == topic["ton_giao"].pk  # classifier unavailable
    assert tax.for_classified("Không rõ", ("dat_dai", 0.3), fallback=False) is None


def test_editing_the_field_to_topic_mapping_moves_the_petitions_of_that_field(units: Any, topic: Any) -> None:
    Topic.objects.filter(code="moi_truong").update(petition_fields=[])
    Topic.objects.filter(code="nha_o").update(petition_fields=["nha_o", "moi_truong"])
    petitions.submit_petition(
        actor=None,
        channel="web",
        data={
            "kind": "feedback",
            "field": "moi_truong",
            "title": "Nước thải xưởng nhựa",
            "content": LETTER,
            "place_code": units.commune_a.code,
            "petitioner_name": "Nguyễn Văn Bình",
            "petitioner_phone": "0912345678",
        },
    )
    services.collect(since=clock.today() - dt.timedelta(days=2))
    assert Signal.objects.get(source="petition").topic == topic["nha_o"]


def test_a_campaign_of_copies_counts_as_one_cluster_with_its_size_shown(
    units: Any, carol: Any, topic: Any
) -> None:
    water = topic["moi_truong"]
    copies = [LETTER, LETTER, LETTER, LETTER.replace("ba tháng", "bốn tháng"), LETTER.replace("Đông", "Đoài")]
    for n, text in enumerate(copies, start=1):
        _signal(n, text, units.commune_a, units.province, water, days_ago=n)
    for n, text in enumerate(
        ["Rác thải chất đống ở chợ xã, không ai thu gom", "Khói bụi từ lò gạch bay vào trường học"], start=10
    ):
        _signal(n, text, units.commune_a, units.province, water)
    _signal(20, LETTER, units.commune_b, units.province, water)  # the same letter, another commune
    assert cluster_pending() == 8
    (row_a,) = [
        r for r in selectors.ledger(scope_for(carol), units.province) if r.unit == units.commune_a.name
    ]
    assert (row_a.n, row_a.clusters, row_a.largest) == (7, 3, 5)
    row_b = next(
        r for r in selectors.ledger(scope_for(carol), units.province) if r.unit == units.commune_b.name
    )
    assert (row_b.n, row_b.clusters, row_b.largest) == (1, 1, 1)
    page = client_for(carol).get(f"/situation/so-theo-doi/?unit={units.province.code}").content.decode()
    assert "cụm lớn nhất 5 bản" in page


def test_a_later_copy_joins_the_cluster_already_formed_and_a_rerun_changes_nothing(
    units: Any, carol: Any, topic: Any
) -> None:
    water = topic["moi_truong"]
    first = _signal(1, LETTER, units.commune_a, units.province, water, days_ago=20)
    _signal(2, LETTER, units.commune_a, units.province, water, days_ago=15)
    cluster_pending()
    _signal(3, LETTER.replace("ba tháng", "hai tháng"), units.commune_a, units.province, water)
    _signal(4, LETTER, units.commune_a, units.province, topic["dat_dai"])  # another topic: its own group
    assert cluster_pending() == 2
    assert cluster_pending() == 0
    clusters = dict(Signal.objects.values_list("source_id", "cluster"))
    assert clusters == {1: first.key, 2: first.key, 3: first.key, 4: ""}
    (row,) = [r for r in selectors.ledger(scope_for(carol), units.province) if r.topic == water.name]
    assert (row.n, row.clusters, row.largest) == (3, 1, 3)
