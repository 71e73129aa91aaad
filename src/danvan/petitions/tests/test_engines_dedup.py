from __future__ import annotations

import sys
from pathlib import Path

try:
    import danvan.petitions.engines  # noqa: F401
except ModuleNotFoundError:  # running without the project installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from danvan.petitions.engines import dedup
from danvan_devtools.datagen import synthetic_corpus

ORIGINAL = (
    "Kính gửi UBND xã Tân Phú. Tôi tên là Nguyễn Văn Hùng, trú tại thôn 3. Gia đình tôi có thửa đất số 215 "
    "tờ bản đồ số 12 đã sử dụng ổn định từ năm 1992 nhưng đến nay vẫn chưa được cấp giấy chứng nhận quyền "
    "sử dụng đất dù đã nộp hồ sơ nhiều lần. Đề nghị xem xét cấp sổ đỏ cho gia đình tôi."
)
REWORDED_UNACCENTED = (
    "Kinh gui Ban Dan van Huyen uy. Toi la Nguyen Van Hung o thon 3 xa Tan Phu. Nha toi co thua dat so 215 "
    "to ban do so 12 su dung on dinh tu nam 1992 nhung toi nay van chua duoc cap giay chung nhan quyen su "
    "dung dat du da nop ho so nhieu lan. Kien nghi cap so do cho gia dinh toi. Day la lan thu 3 toi gui don."
)
NEIGHBOUR = ORIGINAL.replace("Nguyễn Văn Hùng", "Trần Thị Mai").replace("215", "318").replace("1992", "1987")


def test_normalise_folds_case_diacritics_and_d_with_stroke() -> None:
    assert dedup.normalise("  Đơn  THƯ  khiếu nại,\nđất đai ") == "don thu khieu nai dat dai"


def test_it_finds_a_reworded_petition_without_diacritics() -> None:
    index = dedup.LshIndex()
    index.add("original", ORIGINAL)
    for i, text in enumerate(synthetic_corpus(300)):
        index.add(f"other{i}", text)
    hits = index.query(REWORDED_UNACCENTED)
    assert hits and hits[0][0] == "original"
    assert hits[0][1] >= dedup.THRESHOLD


def test_the_same_form_for_another_person_and_plot_is_not_a_duplicate() -> None:
    assert dedup.score(ORIGINAL, REWORDED_UNACCENTED) >= dedup.THRESHOLD
    assert dedup.score(ORIGINAL, NEIGHBOUR) < dedup.THRESHOLD


def test_precision_and_recall_on_the_labelled_pairs_are_at_least_ninety_percent() -> None:
    pairs = dedup.load_pairs()
    assert len(pairs) >= 300
    assert sum(p.label for p in pairs) >= 100
    assert sum(p.kind.startswith("neg_same") for p in pairs) >= 100
    held_out = dedup.evaluate_pairs()
    assert held_out["precision"] >= 0.9, held_out
    assert held_out["recall"] >= 0.9, held_out
    shipped = dedup.evaluate_pairs(threshold=dedup.THRESHOLD, calibrate=False)
    assert shipped["precision"] >= 0.9, shipped
    assert shipped["recall"] >= 0.9, shipped


def test_signatures_round_trip_through_bytes() -> None:
    sig = dedup.signature(ORIGINAL)
    assert isinstance(sig, bytes) and len(sig) == dedup.NUM_PERM * 4
    restored = dedup.minhash_from_signature(sig)
    assert dedup.signature_of(restored) == sig
    assert dedup.signature(dedup.strip_diacritics(ORIGINAL)) == sig


def test_the_band_key_path_finds_the_same_candidates_as_the_in_memory_lsh() -> None:
    texts = [ORIGINAL, REWORDED_UNACCENTED, NEIGHBOUR, *synthetic_corpus(1500, seed=3)]
    index = dedup.LshIndex()
    table: dict[str, set[str]] = {}  # stands in for an indexed (band_key, petition) table
    for i, text in enumerate(texts):
        sig = dedup.signature(text)
        index.add(f"p{i}", text, sig=sig)
        for band_key in dedup.band_keys(sig):
            table.setdefault(band_key, set()).add(f"p{i}")
    probes = [ORIGINAL, REWORDED_UNACCENTED, *synthetic_corpus(100, seed=4)]
    for probe in probes:
        via_table: set[str] = set()
        for band_key in dedup.band_keys(dedup.signature(probe)):
            via_table |= table.get(band_key, set())
        assert via_table == index.candidates(probe)
    assert {"p0", "p1", "p2"} <= index.candidates(ORIGINAL)


def test_band_keys_are_short_distinct_strings_one_per_band() -> None:
    keys = dedup.band_keys(dedup.signature(ORIGINAL))
    assert len(keys) == dedup.BANDS
    assert len(set(keys)) == dedup.BANDS
    assert all(len(k) <= 20 for k in keys)


def test_removed_petitions_are_no_longer_found() -> None:
    index = dedup.LshIndex()
    index.add("a", ORIGINAL)
    index.add("b", NEIGHBOUR)
    assert [k for k, _ in index.query(ORIGINAL)] == ["a"]
    index.remove("a")
    assert "a" not in index and len(index) == 1
    assert index.query(ORIGINAL) == []


def test_adding_an_existing_key_replaces_its_text() -> None:
    index = dedup.LshIndex()
    index.add("a", NEIGHBOUR)
    index.add("a", ORIGINAL)
    assert len(index) == 1
    assert index.query(REWORDED_UNACCENTED)[0][0] == "a"
