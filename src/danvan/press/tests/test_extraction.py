"""Tests for the pure-Python press extraction engine (no Django needed)."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest

from danvan.press.extraction import (
    ExtractionError,
    clean_text,
    content_fingerprint,
    decode_bytes,
    extract,
    html_to_text,
    is_near_duplicate,
)
from danvan.press.extraction.legacy import detect_legacy, encode_tcvn3, encode_vni, require_legacy
from danvan.press.extraction.provinces import lookup, outlet_from_domain, outlet_from_tag
from danvan.press.extraction.score import run_extraction_dir, score_dir

REPO_ROOT = Path(__file__).resolve().parents[4]
SHARED = (REPO_ROOT / ".." / "shared").resolve()
SAMPLES = SHARED / "press" / "samples"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
needs_shared = pytest.mark.skipif(
    not (SHARED / "press" / "score.py").is_file(),
    reason=f"shared press folder with the official scorer not found at {SHARED / 'press'}",
)

SENTENCE = (
    "Ban Dân vận Tỉnh ủy Bạc Liêu tổ chức hội nghị tổng kết công tác dân vận năm 2023, Đồng chí phát biểu."
)

LEAD = (
    "Sáng 9-7, Ban Dân vận Trung ương tổ chức hội nghị trực tuyến toàn quốc để sơ kết công tác dân vận "
    "6 tháng đầu năm và bàn nhiệm vụ 6 tháng cuối năm 2021. Đồng chí Nguyễn Văn An – Bí thư Trung ương "
    "Đảng, Trưởng ban dân vận Trung ương chủ trì hội nghị. Đồng chí Trần trí Dũng - Ủy viên Ban Thường vụ "
    "Tỉnh ủy, Trưởng ban dân vận Tỉnh ủy chủ trì tại điểm cầu Bình Phước."
)


def _article(lead: str, *rest: str) -> str:
    return "\n\n".join([lead, *rest])


# --- cleaner ---------------------------------------------------------------------------------
def test_it_drops_share_buttons_and_related_news_blocks() -> None:
    raw = _article(
        LEAD,
        "Gửi cho bạn bè",
        "Phản hồi",
        "In bài",
        "Các tin khác",
        "Khai mạc hội chợ nông sản an toàn năm nay",
    )
    cleaned = clean_text(raw)
    for junk in ("Gửi cho bạn bè", "Phản hồi", "In bài", "Các tin khác", "hội chợ"):
        assert junk not in cleaned
    assert cleaned.startswith("Sáng 9-7")


def test_it_drops_photo_captions_and_bare_timestamps() -> None:
    raw = "\n".join(
        [
            LEAD,
            "Quang cảnh buổi làm việc ở điểm cầu Bình Phước",
            "Đồng chí Nguyễn Văn An phát biểu tại hội nghị sáng nay",
            "Theo đánh giá chung, các cấp đã làm tốt việc tham mưu cho cấp ủy trong cả năm qua.",
            "PV",
            "08:15 03/02/2025",
            "Đoàn thanh niên ra quân dọn vệ sinh môi trường tránh bão",
        ]
    )
    cleaned = clean_text(raw)
    assert "Quang cảnh" not in cleaned
    assert "phát biểu tại hội nghị" not in cleaned
    assert "08:15" not in cleaned and "tránh bão" not in cleaned
    assert "Theo đánh giá chung" in cleaned


def test_it_drops_lists_of_unrelated_headlines_after_the_body() -> None:
    raw = "\n".join(
        [
            LEAD,
            "Khánh thành cầu dân sinh mới ở vùng cao biên giới",
            "Ngày hội văn hóa các dân tộc thu hút đông đảo du khách",
            "Hội thi nấu ăn ngon của phụ nữ khu dân cư số 3",
        ]
    )
    assert clean_text(raw) == LEAD


def test_it_repairs_mojibake_with_ftfy() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    broken = SENTENCE.encode("utf-8").decode("sloppy-windows-1252")
    assert clean_text(broken) == SENTENCE


def test_it_repairs_a_question_mark_damaged_site_header() -> None:
    assert clean_text("CÔNG AN B?C LIU\n" + LEAD).splitlines()[0] == "CÔNG AN BẠC LIÊU"


def test_it_normalises_old_style_tone_marks() -> None:
    assert "Hòa Bình" in clean_text("Tỉnh ủy Hoà Bình tổ chức hội nghị tổng kết, Uỷ ban MTTQ tỉnh dự.")


def test_it_extracts_html_with_trafilatura_and_keeps_metadata() -> None:
    body = " ".join([LEAD] * 3)
    html = (
        "<html><head><title>Sơ kết công tác dân vận 6 tháng đầu năm</title>"
        '<meta property="article:published_time" content="2021-07-09T17:30:00+07:00"></head>'
        "<body><nav>Trang chủ | Tin tức</nav><article><h1>Sơ kết công tác dân vận 6 tháng đầu năm</h1>"
        f"<p>{body}</p><p>Các báo cáo tham luận đều ghi nhận nhiều kết quả tích cực trong công tác dân vận.</p>"
        "</article><footer>Bản quyền thuộc về Báo</footer></body></html>"
    )
    text, meta = html_to_text(html)
    assert "Sáng 9-7" in text
    assert meta["title"] == "Sơ kết công tác dân vận 6 tháng đầu năm"
    assert meta["date"] == "2021-07-09"
    result = extract(html)
    assert result["published_date"] == "2021-07-09"
    assert result["event"]["date"] == "2021-07-09"


# --- legacy encodings and bytes --------------------------------------------------------------
def test_it_detects_and_converts_tcvn3_text() -> None:
    legacy = encode_tcvn3(SENTENCE)
    assert legacy != SENTENCE and detect_legacy(legacy) == "tcvn3"
    assert clean_text(legacy) == SENTENCE


def test_it_detects_and_converts_vni_text() -> None:
    legacy = encode_vni(SENTENCE)
    assert "Vieät" in encode_vni("Việt") and detect_legacy(legacy) == "vni"
    assert clean_text(legacy) == SENTENCE


def test_it_decodes_legacy_bytes_and_utf16() -> None:
    assert decode_bytes(encode_vni(SENTENCE).encode("cp1252")) == SENTENCE
    assert decode_bytes(encode_tcvn3("Hội nghị tổng kết").encode("latin-1")) == "Hội nghị tổng kết"
    assert decode_bytes(SENTENCE.encode("utf-16")) == SENTENCE
    assert decode_bytes(SENTENCE.encode("utf-16-le")) == SENTENCE
    assert decode_bytes(SENTENCE.encode("utf-8-sig")) == SENTENCE


def test_it_rejects_binary_and_unknown_legacy_data_with_a_vietnamese_message() -> None:
    with pytest.raises(ExtractionError, match="nhị phân"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    with pytest.raises(ExtractionError, match="rỗng"):
        decode_bytes(b"   ")
    with pytest.raises(ExtractionError, match="bảng mã"):
        require_legacy("Plain English text with no legacy Vietnamese at all.")


def test_it_never_crashes_on_bad_input() -> None:
    with pytest.raises(ExtractionError, match="trống"):
        extract("   \n ")
    with pytest.raises(ExtractionError):
        extract("\x00\x01\x02\x03\x04\x05 binary \x06\x07\x08")
    result = extract("The quick brown fox jumps over the lazy dog. Nothing Vietnamese here at all.")
    assert result["event"]["type"] == "other"
    assert result["people"] == [] and result["event"]["province"] is None


# --- provinces -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bạc Liêu", 96),
        ("Bình Phước", 75),
        ("Yên Bái", 15),
        ("Hà Giang", 8),
        ("Quảng Nam", 48),
        ("Kon Tum", 51),
        ("Thừa Thiên Huế", 46),
        ("Hoà Bình", 25),
        ("Hải Phòng", 31),
        ("Cà Mau", 96),
    ],
)
def test_it_maps_old_and_new_province_names_to_2025_codes(name: str, code: int) -> None:
    ref = lookup(name)
    assert ref is not None and ref.code == code


def test_it_resolves_bac_lieu_to_ca_mau() -> None:
    text = _article(
        "Sáng 27/12, Ban Dân vận Tỉnh ủy Bạc Liêu tổ chức hội nghị tổng kết công tác dân vận năm 2023.",
        "Năm 2023, công tác dân vận có nhiều chuyển biến tích cực ở các cấp trong tỉnh.",
    )
    event = extract(text)["event"]
    assert event["province"] == {"code": 96, "historical_name": "Bạc Liêu"}
    assert event["date"] == "2023-12-27" and event["type"] == "tong_ket" and event["scope"] == "provincial"


def test_it_resolves_the_province_from_outlet_tags_and_domains() -> None:
    assert outlet_from_tag("LSO") == ("Báo Lạng Sơn", lookup("Lạng Sơn"))
    hit = outlet_from_domain("https://baoyenbai.com.vn/12/300/abc.aspx")
    assert hit is not None and hit[1] is not None and hit[1].code == 15
    text = "LSO-Chiều 20/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm 2022."
    assert extract(text)["event"]["province"]["code"] == 20
    plain = "Chiều 20/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm 2022."
    assert extract(plain, source_hint="baoyenbai.com.vn")["event"]["province"]["code"] == 15


def test_it_uses_the_bridge_point_for_national_online_conferences() -> None:
    event = extract(LEAD)["event"]
    assert event["scope"] == "national" and event["online"] is True
    assert event["province"] == {"code": 75, "historical_name": "Bình Phước"}
    assert event["organizer"] == "Ban Dân vận Trung ương"


# --- event fields ----------------------------------------------------------------------------
def test_it_reads_type_and_period_of_a_six_month_review() -> None:
    event = extract(LEAD)["event"]
    assert event["type"] == "so_ket"
    assert event["period"] == {"year": 2021, "half": 1}
    assert event["date"] == "2021-07-09"


def test_it_treats_n_year_resolution_reviews_as_tong_ket() -> None:
    text = (
        "Ngày 15/6/2023, Tỉnh ủy Yên Bái tổ chức hội nghị 10 năm thực hiện Nghị quyết số 25-NQ/TW "
        "của Ban Chấp hành Trung ương Đảng (khóa XI) về công tác dân vận trong tình hình mới."
    )
    result = extract(text)
    assert result["event"]["type"] == "tong_ket"
    assert result["event"]["period"]["year"] == 2023
    assert result["documents"] == ["25-NQ/TW"]


def test_it_resolves_a_relative_date_against_the_reviewed_year_not_the_render_date() -> None:
    text = "\n\n".join(
        [
            "Chủ nhật, 14/11/2021",
            "Bế mạc hội nghị tổng kết dân vận năm 2016",
            "LSO-Chiều nay (28/12), Ban Dân vận Tỉnh ủy họp tổng kết công tác dân vận năm 2016, "
            "bàn phương hướng, nhiệm vụ năm 2017.",
        ]
    )
    result = extract(text)
    assert result["event"]["date"] == "2016-12-28"
    assert result["event"]["period"] == {"year": 2016, "half": None}
    assert result["published_date"] is None
    assert result["title"] == "Bế mạc hội nghị tổng kết dân vận năm 2016"


def test_it_reads_the_year_of_a_january_review_from_the_published_date() -> None:
    text = (
        "09/01/2023 08:12 Chiều 6/1, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm 2022."
    )
    result = extract(text)
    assert result["event"]["date"] == "2023-01-06"
    assert result["published_date"] == "2023-01-09"
    assert result["event"]["period"]["year"] == 2022


def test_it_classifies_local_scope_and_dialogues_as_other() -> None:
    text = (
        "Sáng 20/9, Đảng ủy xã Tân Thành, huyện Cao Lộc tổ chức hội nghị đối thoại giữa người đứng đầu "
        "cấp ủy, chính quyền xã với Nhân dân."
    )
    event = extract(text)["event"]
    assert event["type"] == "other" and event["scope"] == "local" and event["online"] is False


def test_it_finds_people_with_all_their_titles_and_normalises_case() -> None:
    result = extract(LEAD)
    people = {p["name"]: p["titles"] for p in result["people"]}
    assert people["Nguyễn Văn An"] == ["Bí thư Trung ương Đảng", "Trưởng Ban Dân vận Trung ương"]
    assert people["Trần Trí Dũng"] == ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"]


def test_it_finds_chairs_including_those_at_a_bridge_point() -> None:
    chairs = [c["name"] for c in extract(LEAD)["chairs"]]
    assert chairs == ["Nguyễn Văn An", "Trần Trí Dũng"]


def test_it_does_not_take_a_guest_for_the_chair() -> None:
    text = (
        "Chiều 23/12, Huyện ủy Thọ Xuân tổ chức hội nghị tổng kết công tác dân vận năm 2022. "
        "Đồng chí Phạm Văn Bình, Phó Bí thư Tỉnh ủy dự. Đồng chí Lê Văn Thắng, Bí thư Huyện ủy chủ trì hội nghị."
    )
    result = extract(text)
    assert [c["name"] for c in result["chairs"]] == ["Lê Văn Thắng"]
    assert {p["name"] for p in result["people"]} == {"Phạm Văn Bình", "Lê Văn Thắng"}
    assert result["event"]["scope"] == "local"


def test_it_keeps_movement_themes_but_not_arbitrary_quotes() -> None:
    text = (
        "Chiều 18/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết. Các cấp thực hiện “Năm dân vận chính quyền”, "
        "xây dựng mô hình “Chính quyền thân thiện”, thi đua Dân vận khéo và phương châm “cầm tay chỉ việc”; "
        "thực hiện “nhiệm vụ kép”."
    )
    themes = extract(text)["themes"]
    assert themes == ["Năm dân vận chính quyền", "Chính quyền thân thiện", "Dân vận khéo"]


def test_it_normalises_document_numbers() -> None:
    text = (
        "Sáng 5/3, hội nghị quán triệt Nghị quyết số 25-NQ/TW, Kết luận 43-KL/TW, Quyết định 217, 218-QĐ/TW, "
        "Chỉ thị 49-CT/TW, Quy định 11-QĐi/TW và Nghị định số 04/2015/NĐ-CP."
    )
    assert extract(text)["documents"] == [
        "25-NQ/TW",
        "43-KL/TW",
        "217-QĐ/TW",
        "218-QĐ/TW",
        "49-CT/TW",
        "11-QĐi/TW",
        "04/2015/NĐ-CP",
    ]


def test_it_reads_indicators_with_vietnamese_number_formats() -> None:
    text = (
        "Chiều 18/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị. Đạt 100% thôn, bản và 81,35% xã, phường, "
        "thị trấn; xây dựng 1.234 mô hình; huy động 12,5 tỷ đồng. Dịp này, 27 đồng chí nhận kỷ niệm chương. "
        "Quy chế dân chủ ở 3 loại hình cơ sở, nhiệm kỳ 2021-2026, khóa XV."
    )
    values = {(i["value"], i["unit"]) for i in extract(text)["indicators"]}
    assert values == {(100.0, "%"), (81.35, "%"), (1234, "mô hình"), (12.5, "tỷ đồng"), (27, "người")}


def test_the_result_has_exactly_the_schema_keys() -> None:
    result = extract(LEAD)
    assert set(result) == {
        "title",
        "published_date",
        "source",
        "author",
        "event",
        "chairs",
        "people",
        "themes",
        "documents",
        "indicators",
    }
    assert set(result["event"]) == {"type", "date", "scope", "online", "organizer", "period", "province"}
    json.dumps(result, ensure_ascii=False)


# --- fingerprints ----------------------------------------------------------------------------
def test_the_same_article_with_other_boilerplate_has_the_same_fingerprint() -> None:
    body = "\n".join(
        [
            LEAD,
            "Nhiều ý kiến tham luận cho rằng hệ thống dân vận đã chủ động hơn trong việc tham mưu cho cấp ủy.",
        ]
    )
    site_a = "Trang chủ\nTin tức\n" + body + "\nPV\nGửi cho bạn bè\nIn bài"
    site_b = (
        "17:30 09/07/2021\nBPO - "
        + body
        + "\nNguồn: Báo Bình Phước\nChia sẻ\nCác tin khác\nTin khác ở đây nhé"
    )
    assert content_fingerprint(site_a) == content_fingerprint(site_b)
    assert content_fingerprint(site_a) != content_fingerprint(body.replace("Bình Phước", "Yên Bái"))
    assert is_near_duplicate(site_a, body.replace("chủ động", "tích cực"))


# --- scores and throughput -------------------------------------------------------------------
def _score(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as out:
        run_extraction_dir(folder, out)
        return score_dir(folder, out)


@needs_shared
def test_it_scores_at_least_0_85_on_the_shared_samples() -> None:
    assert _score(SAMPLES) >= 0.85


@needs_shared
def test_it_scores_at_least_0_85_on_the_labelled_corpus() -> None:
    assert len(list(CORPUS.glob("*.json"))) >= 20
    assert _score(CORPUS) >= 0.85


def test_the_corpus_gold_files_follow_the_schema() -> None:
    for gold_file in CORPUS.glob("*.json"):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        assert (CORPUS / (gold_file.stem + ".txt")).is_file()
        assert gold["event"]["type"] in {"tong_ket", "so_ket", "other"}
        assert isinstance(gold["event"]["province"]["code"], int)


def test_throughput_smoke() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    start = time.perf_counter()
    for text in texts * 2:
        extract(text)
    elapsed = time.perf_counter() - start
    print(f"{len(texts) * 2 / elapsed:.1f} articles/s")  # informational only; no timing assertion
