from __future__ import annotations

import sys
from pathlib import Path

import pytest

try:
    import danvan.petitions.engines  # noqa: F401
except ModuleNotFoundError:  # running without the project installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from danvan.petitions.engines import classifier
from danvan.petitions.engines.taxonomy import FIELD_NAMES


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> classifier.FieldClassifier:
    return classifier.load_or_train(cache_dir=tmp_path_factory.mktemp("cache"))


def test_the_shipped_labelled_set_has_at_least_sixty_texts_per_field() -> None:
    data = classifier.load()
    assert len(data.texts) >= 600
    for code in FIELD_NAMES:
        assert data.fields.count(code) >= 60, code


def test_the_written_texts_cover_every_field_and_none_rewrites_a_text_of_the_realistic_corpus() -> None:
    from danvan.petitions.engines import dedup, realistic

    written = classifier.load(classifier.WRITTEN_DATA)
    for code in FIELD_NAMES:
        assert written.fields.count(code) >= 20, code
    corpus = [dedup.Features.of(it.text).shingles for it in realistic.items() if not it.derived]
    for text in written.texts:
        mine = dedup.Features.of(text).shingles
        assert max(dedup.jaccard(mine, other) for other in corpus) < 0.25, text


def test_held_out_accuracy_on_unseen_template_groups_is_at_least_eighty_percent() -> None:
    result = classifier.evaluate()
    assert result["accuracy"] >= 0.8, classifier.format_evaluation(result)
    assert result["n_test"] >= 150
    assert set(result["per_field"]) == set(FIELD_NAMES)


def test_train_and_test_share_no_template_group() -> None:
    data = classifier.load()
    tr, te = classifier.split(data)
    assert not {data.groups[i] for i in tr} & {data.groups[i] for i in te}


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "Gia đình tôi bị thu hồi đất làm đường nhưng tiền bồi thường quá thấp, chưa được cấp sổ đỏ",
            "dat_dai",
        ),
        ("nha may xa nuoc thai den ngom ra song, ca chet hang loat, boc mui hoi thoi", "moi_truong"),
        ("Mẹ tôi 85 tuổi làm hồ sơ trợ cấp xã hội đã nửa năm mà chưa được nhận tiền", "chinh_sach_xa_hoi"),
        ("Bệnh viện bắt người bệnh tự mua thuốc bên ngoài dù có thẻ bảo hiểm y tế", "y_te"),
        ("truong thu qua nhieu khoan tien dau nam hoc, giao vien ep hoc sinh hoc them", "giao_duc"),
        ("Đường liên xã nhiều ổ gà, mưa xuống ngập sâu, xe máy đi lại rất nguy hiểm", "ha_tang_giao_thong"),
        ("Quán karaoke hát đến 2 giờ sáng, thanh niên tụ tập đua xe, trộm cắp xe máy", "an_ninh_trat_tu"),
        ("can bo mot cua xa hach sach, doi tien boi duong moi giai quyet ho so", "can_bo_cong_chuc"),
        ("Chung cư cũ xuống cấp, thấm dột, chủ đầu tư chậm cấp sổ hồng cho cư dân", "nha_o"),
    ],
)
def test_it_suggests_the_right_field_first_for_clear_examples(
    model: classifier.FieldClassifier, text: str, field: str
) -> None:
    suggestions = model.suggest(text)
    assert suggestions[0][0] == field, suggestions


def test_suggest_returns_three_fields_with_probabilities_in_descending_order(
    model: classifier.FieldClassifier,
) -> None:
    suggestions = model.suggest("Tôi xin phản ánh việc mất điện liên tục, hóa đơn tiền điện tăng gấp đôi")
    assert len(suggestions) == 3
    probs = [p for _, p in suggestions]
    assert probs == sorted(probs, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert {code for code, _ in suggestions} <= set(FIELD_NAMES)


def test_the_model_is_cached_and_reloaded_from_the_cache_dir(tmp_path: Path) -> None:
    first = classifier.load_or_train(cache_dir=tmp_path)
    files = list(tmp_path.glob("*.joblib"))
    assert len(files) == 1
    second = classifier.load_or_train(cache_dir=tmp_path)
    text = "đường ngập nước"
    assert first.suggest(text) == second.suggest(text)


def test_main_prints_the_accuracy_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert classifier.main([]) == 0
    out = capsys.readouterr().out
    assert "accuracy" in out
    assert "dat_dai" in out
