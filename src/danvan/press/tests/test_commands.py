"""`danvan press ingest | extract | score`, including bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.core.models import AuditAction, AuditEntry
from danvan.press.extraction.legacy import encode_tcvn3, encode_vni
from danvan.press.models import Appearance, Article, Event, Person
from danvan.press.tests import articles

SAMPLES = Path(__file__).resolve().parents[5] / "shared" / "press" / "samples"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("press", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.mark.django_db
def test_ingesting_a_folder_creates_one_event_per_article_with_its_people_and_an_audit_row(
    tmp_path: Path, capsys: Any
) -> None:
    write(tmp_path, "langson.txt", articles.LANGSON)
    write(tmp_path, "sub/baclieu.txt", articles.BACLIEU)
    out, _ = run("ingest", str(tmp_path), "--no-progress")
    assert "2 sự kiện mới" in out
    langson = Event.objects.get(province__code="20")
    assert langson.type == "tong_ket"
    assert langson.date.isoformat() == "2023-12-20"
    assert langson.period_year == 2023
    assert langson.documents == ["25-NQ/TW"]
    assert langson.unit.code == "20"
    chair = Appearance.objects.get(event=langson, is_chair=True)
    assert chair.person.name == "Hoàng Văn Nghiệm"
    assert "Phó Bí thư Thường trực Tỉnh ủy" in chair.titles
    baclieu = Event.objects.get(historical_province="Bạc Liêu")
    assert baclieu.province is not None and baclieu.province.code == "96"  # Bạc Liêu is in Cà Mau since 2025
    assert (baclieu.period_year, baclieu.period_half) == (2024, 1)
    assert baclieu.article.filename == os.path.join("sub", "baclieu.txt")
    audit = AuditEntry.objects.filter(action=AuditAction.IMPORT, object_type="press.event")
    assert audit.count() == 2
    assert audit.first().actor_label.startswith("dòng lệnh")


@pytest.mark.django_db
def test_ingesting_the_same_article_again_or_from_another_site_does_not_create_a_second_event(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a/langson.txt", articles.LANGSON)
    run("ingest", str(tmp_path / "a"))
    write(tmp_path, "b/langson-copy.txt", articles.LANGSON)
    write(tmp_path, "b/langson-other-site.txt", articles.LANGSON_OTHER_SITE)
    write(tmp_path, "b/langson.html", articles.LANGSON_HTML)
    out, _ = run("ingest", str(tmp_path / "b"))
    assert "0 sự kiện mới, 3 bài trùng" in out
    assert Event.objects.count() == 1
    assert Article.objects.count() == 1
    assert Person.objects.filter(name="Hoàng Văn Nghiệm").count() == 1


@pytest.mark.django_db
def test_a_lightly_edited_copy_of_an_article_is_recognised_as_a_near_duplicate(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", articles.LANGSON)
    edited = articles.LANGSON.replace("gần dân, sát dân, trọng dân", "gần dân, hiểu dân, trọng dân, vì dân")
    write(tmp_path, "b.txt", edited)
    out, _ = run("ingest", str(tmp_path))
    assert "1 sự kiện mới, 1 bài trùng" in out
    assert Event.objects.count() == 1
    assert Article.objects.get().other_sources == ["b.txt"]


@pytest.mark.django_db
def test_a_folder_with_bad_files_reports_each_bad_file_and_still_ingests_the_good_one(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", articles.BACLIEU)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", bytes(range(256)) * 20)
    write(tmp_path, "english.txt", articles.ENGLISH)
    write(tmp_path, "russian-cp1251.txt", articles.RUSSIAN.encode("cp1251"))
    write(tmp_path, "khong-dau.txt", articles.WITHOUT_DIACRITICS)
    write(tmp_path, "no-event.txt", articles.NO_EVENT)
    write(tmp_path, "ignored.pdf", b"%PDF-1.4")
    out, err = run("ingest", str(tmp_path))
    assert "Đã đọc 1/7 tệp: 1 sự kiện mới" in out
    assert "6 tệp lỗi" in out
    assert Event.objects.count() == 1
    lines = {
        line.split(":", 1)[0].removeprefix("✗ "): line for line in err.splitlines() if line.startswith("✗")
    }
    assert "rỗng" in lines["empty.txt"]
    assert "nhị phân" in lines["binary.txt"]
    assert "không phải tiếng Việt" in lines["english.txt"]
    assert "không phải tiếng Việt" in lines["russian-cp1251.txt"]
    assert "mất hết dấu" in lines["khong-dau.txt"]
    assert "không nói về một sự kiện" in lines["no-event.txt"]
    assert "ignored.pdf" not in err


@pytest.mark.django_db
def test_an_article_in_the_legacy_tcvn3_encoding_is_converted_and_ingested(tmp_path: Path) -> None:
    write(
        tmp_path,
        "tcvn3.txt",
        encode_tcvn3(articles.BACLIEU.replace("“", '"').replace("”", '"')).encode("latin-1"),
    )
    out, _ = run("ingest", str(tmp_path))
    assert "1 sự kiện mới" in out
    assert Person.objects.filter(name="Lữ Văn Hùng").exists()


@pytest.mark.django_db
def test_an_article_in_the_legacy_vni_encoding_is_converted_and_one_in_an_unknown_encoding_is_refused(
    tmp_path: Path,
) -> None:
    write(
        tmp_path, "vni.txt", encode_vni(articles.LANGSON.replace("“", '"').replace("”", '"')).encode("cp1252")
    )
    write(tmp_path, "unknown.txt", b"Tin tuc \x81\x8d\x8f\x90\x9d " * 50)
    out, err = run("ingest", str(tmp_path))
    assert "1 sự kiện mới" in out and "1 tệp lỗi" in out
    assert Person.objects.filter(name="Hoàng Văn Nghiệm").exists()
    assert "✗ unknown.txt: Không xác định được bảng mã" in err


@pytest.mark.django_db
def test_ingesting_only_bad_files_fails_with_one_clear_line(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    with pytest.raises(CommandError, match="Không nhập được tệp nào"):
        run("ingest", str(tmp_path))


@pytest.mark.django_db
def test_ingesting_a_folder_without_article_files_says_so(tmp_path: Path) -> None:
    write(tmp_path, "notes.pdf", b"%PDF")
    with pytest.raises(CommandError, match="không có tệp .txt, .html hoặc .htm"):
        run("ingest", str(tmp_path))


def test_ingesting_a_missing_path_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "DANVAN_DATA_DIR": str(tmp_path / "data")}
    env.pop("DANVAN_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "danvan", "press", "ingest", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: Không tìm thấy đường dẫn “{tmp_path / 'nope'}”."
    ]


@pytest.mark.django_db
def test_ingest_records_the_named_user_and_refuses_a_user_without_an_acting_role(
    tmp_path: Path, alice: Any, carol: Any
) -> None:
    write(tmp_path, "a.txt", articles.LANGSON)
    with pytest.raises(CommandError, match="không có quyền"):
        run("ingest", str(tmp_path), "--user", "carol")
    run("ingest", str(tmp_path), "--user", "alice")
    assert Article.objects.get().ingested_by == alice
    assert AuditEntry.objects.get(action=AuditAction.IMPORT).actor_id == alice.pk


def test_extract_json_prints_exactly_one_object(tmp_path: Path) -> None:
    path = write(tmp_path, "baclieu.txt", articles.BACLIEU)
    out, _ = run("extract", str(path), "--json")
    data = json.loads(out)
    assert data["event"]["province"] == {"code": 96, "historical_name": "Bạc Liêu"}
    assert data["documents"] == ["114-KL/TW"]
    assert data["chairs"][0]["name"] == "Lữ Văn Hùng"


def test_extract_of_a_binary_or_missing_file_gives_a_clear_message(tmp_path: Path) -> None:
    path = write(tmp_path, "x.txt", bytes(range(256)) * 4)
    with pytest.raises(CommandError, match="nhị phân"):
        run("extract", str(path), "--json")
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run("extract", str(tmp_path / "missing.txt"), "--json")


def test_extract_dir_writes_one_json_file_per_input_and_a_null_event_for_a_bad_one(tmp_path: Path) -> None:
    write(tmp_path / "in", "langson.txt", articles.LANGSON)
    write(tmp_path / "in", "page.html", articles.LANGSON_HTML)
    write(tmp_path / "in", "empty.txt", b"")
    out, err = run("extract", "--dir", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert "Đã ghi 3 tệp JSON" in out
    assert "empty.txt" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["empty.json", "langson.json", "page.json"]
    page = json.loads((tmp_path / "out" / "page.json").read_text(encoding="utf-8"))
    assert page["event"]["province"]["code"] == 20
    empty = json.loads((tmp_path / "out" / "empty.json").read_text(encoding="utf-8"))
    assert empty["event"]["date"] is None and empty["people"] == []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared samples folder is not on this machine")
def test_score_prints_the_score_on_the_samples_and_on_the_projects_own_corpus() -> None:
    out, _ = run("score")
    lines = out.strip().splitlines()
    assert lines[0].startswith("Mẫu thật (../shared/press/samples): ")
    assert lines[1].startswith("Bộ của dự án: ")
    samples = float(lines[0].split(": ")[1].split()[0])
    own = float(lines[1].split(": ")[1].split()[0])
    assert samples >= 0.85
    assert own >= 0.85


@pytest.mark.django_db
@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared samples folder is not on this machine")
def test_the_demo_loader_ingests_the_two_samples_once() -> None:
    call_command("demo", "--only", "press", verbosity=0)
    call_command("demo", "--only", "press", verbosity=0)
    assert Event.objects.filter(is_demo=True).count() == 2
    assert set(Event.objects.values_list("province__code", flat=True)) == {"20", "31"}
