from __future__ import annotations

from danvan.core.text import fold, fold_words, search_terms


def test_folding_removes_diacritics_and_case() -> None:
    assert fold("Đất  ĐAI") == "dat dai"
    assert fold("Tranh chấp đất đai") == fold("tranh chap dat dai")


def test_fold_words_drops_punctuation() -> None:
    assert fold_words("TP. Hồ Chí Minh") == "tp ho chi minh"


def test_search_terms_are_folded_words() -> None:
    assert search_terms("  Đất đai, nhà ở ") == ["dat", "dai", "nha", "o"]
