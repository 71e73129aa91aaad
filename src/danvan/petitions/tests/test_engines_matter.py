from __future__ import annotations

from collections import Counter

from danvan.petitions.engines import matter, realistic

FARM_CITIZEN = (
    "Tôi ở tổ 8 ấp Gia Yên, mấy tháng nay cả xóm phải bịt mũi vì cái trại heo cạnh suối Cầu Hoàng, "
    "nước thải xả thẳng ra suối. Xin xã Gia Tân xuống kiểm tra."
)
FARM_REPORTER = (
    "Nhiều hộ dân ấp Gia Yên (xã Gia Tân) sống trong mùi hôi từ một trang trại nuôi lợn; nước thải chưa "
    "qua xử lý đổ thẳng ra suối Cầu Hoàng."
)
FARM_ELSEWHERE = (
    "Người dân thôn Chang, xã Việt Lâm phản ánh trang trại nuôi lợn đầu nguồn xả nước thải, nguồn nước "
    "sinh hoạt của thôn có mùi hôi."
)


def test_places_are_read_from_capitals_and_from_text_typed_without_them() -> None:
    assert {("v", "gia yen"), ("u", "gia tan"), ("o", "cau hoang")} <= matter.places(FARM_CITIZEN)
    assert ("v", "chang") in matter.places("toi o thon chang, xa viet lam co trai lon xa thai")
    assert ("s", "7") in matter.places("Đường số 7 khu phố 2 có ổ gà")


def test_the_same_farm_told_by_a_citizen_and_a_reporter_is_one_matter() -> None:
    assert matter.score(FARM_CITIZEN, FARM_REPORTER) >= matter.THRESHOLD


def test_the_same_complaint_about_a_farm_in_another_place_stays_apart() -> None:
    comparison = matter.compare(matter.Matter.of(FARM_REPORTER), matter.Matter.of(FARM_ELSEWHERE))
    assert comparison.conflict
    assert comparison.score < matter.THRESHOLD


def test_the_matter_index_finds_the_rewording_and_not_the_other_place() -> None:
    index = matter.MatterIndex()
    index.add("citizen", FARM_CITIZEN)
    index.add("elsewhere", FARM_ELSEWHERE)
    hits = [key for key, _ in index.query(FARM_REPORTER)]
    assert hits == ["citizen"]


def test_the_realistic_corpus_keeps_a_held_out_part_with_hard_negatives_at_least_half() -> None:
    for split in ("train", "heldout"):
        items = realistic.items(split)
        assert len(items) > 150
        kinds = Counter(p.kind for p in realistic.pairs(split))
        assert kinds["duplicate"] > 100
        assert kinds["hard_negative"] >= kinds["easy_negative"]
    train_families = {i.family for i in realistic.items("train")}
    assert not train_families & {i.family for i in realistic.items("heldout")}


def test_a_derived_rough_copy_is_never_paired_with_its_own_source() -> None:
    for pair in realistic.pairs("heldout"):
        assert pair.a.source != pair.b.source


def test_on_the_held_out_corpus_duplicates_are_found_at_the_target_precision() -> None:
    pairs = realistic.pairs("heldout")
    found = [matter.score(p.a.text, p.b.text) >= matter.THRESHOLD for p in pairs]
    tp = sum(f and p.label == 1 for f, p in zip(found, pairs, strict=True))
    fp = sum(f and p.label == 0 for f, p in zip(found, pairs, strict=True))
    positives = sum(p.label for p in pairs)
    assert tp / positives >= 0.80
    assert tp / (tp + fp) >= 0.95


def test_a_petition_a_dialogue_question_a_situation_report_and_a_press_event_about_one_farm_group_together():
    items = [
        matter.SourceItem("petition", "p1", FARM_CITIZEN, "VN/75/26005/"),
        matter.SourceItem(
            "dialogue_question",
            "q7",
            "Cử tri ấp Gia Yên hỏi Chủ tịch xã Gia Tân bao giờ xử lý trại heo xả nước thải ra suối Cầu Hoàng.",
            "VN/75/26005/",
        ),
        matter.SourceItem(
            "situation_report",
            "r3",
            "Dư luận ấp Gia Yên bức xúc vì trại heo gây mùi hôi, nước thải chảy ra suối Cầu Hoàng; có nguy cơ "
            "người dân tụ tập phản đối.",
            "VN/75/26005/",
        ),
        matter.SourceItem("press_event", "e2", FARM_REPORTER, "VN/75/"),
        matter.SourceItem("petition", "p2", FARM_ELSEWHERE, "VN/08/02800/"),
        matter.SourceItem(
            "petition", "p3", "Đề nghị sửa đường liên thôn ở thôn Nà Cà bị sạt lở.", "VN/08/02800/"
        ),
    ]
    groups = matter.group_items(items)
    assert {(i.source, i.id) for i in groups[0]} == {
        ("petition", "p1"),
        ("dialogue_question", "q7"),
        ("situation_report", "r3"),
        ("press_event", "e2"),
    }
    assert all(len(g) == 1 for g in groups[1:])


def test_items_of_units_that_are_different_places_never_group():
    a = matter.SourceItem("petition", "p1", FARM_CITIZEN, "VN/75/26005/")
    b = matter.SourceItem("petition", "p2", FARM_CITIZEN, "VN/75/26006/")
    assert len(matter.group_items([a, b])) == 2


def test_other_modules_group_items_of_every_source_through_the_petitions_selectors():
    from danvan.petitions import selectors

    items = [
        selectors.SourceItem("petition", "p1", FARM_CITIZEN, "VN/75/26005/"),
        selectors.SourceItem(
            "dialogue_question",
            "q1",
            "cu tri ap Gia Yen hoi bao gio xa xu ly trai heo xa nuoc thai ra suoi Cau Hoang",
            "VN/75/26005/",
        ),
        selectors.SourceItem("press_event", "e1", FARM_REPORTER, ""),
        # the same topic at another place, from every source: kept apart
        selectors.SourceItem("petition", "p2", FARM_ELSEWHERE, "VN/08/02800/"),
        selectors.SourceItem(
            "dialogue_question",
            "q2",
            "Cử tri thôn Chang hỏi khi nào xử lý trang trại lợn đầu nguồn xả nước thải vào nguồn nước.",
            "VN/08/02800/",
        ),
    ]
    groups = selectors.group_same_matter(items)
    assert {(i.source, i.id) for i in groups[0]} == {
        ("petition", "p1"),
        ("dialogue_question", "q1"),
        ("press_event", "e1"),
    }
    assert all(not ({"p1", "q1", "e1"} & {i.id for i in g}) for g in groups[1:])
    assert [
        i.id for g in groups for i in g if i.id in ("p2", "q2")
    ]  # returned, in a group of their own matter
