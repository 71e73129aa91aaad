"""`danvan press ingest|extract|score`: press articles from the command line.

- `danvan press ingest PATH [--user NAME]`: a file or a whole folder (recursive, .txt/.html/.htm), with a
  progress bar; bad files are reported and the others ingested; exit code 1 only when the path does not
  exist or nothing could be read.
- `danvan press extract FILE [--json]`: one event; `danvan press extract --dir IN --out OUT`: one JSON file
  per input.
- `danvan press score [--gold DIR]`: the official score on the shared samples and on the project's corpus.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from danvan.press import services
from danvan.press.extraction import ExtractionError, decode_bytes, extract
from danvan.press.extraction.score import SHARED_PRESS, empty_event, run_extraction_dir, score_dir

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


class Command(BaseCommand):
    help = "Báo chí: nhập bài báo (ingest), trích xuất sự kiện (extract), chấm điểm trích xuất (score)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ingest = sub.add_parser("ingest", help="Nhập một tệp hoặc cả thư mục (.txt, .html, .htm).")
        ingest.add_argument("path")
        ingest.add_argument("--user", default="", help="Tên đăng nhập ghi vào nhật ký (mặc định: dòng lệnh).")
        ingest.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")
        ext = sub.add_parser("extract", help="Trích xuất sự kiện, không ghi vào cơ sở dữ liệu.")
        ext.add_argument("file", nargs="?")
        ext.add_argument("--json", action="store_true", help="In đúng một đối tượng JSON.")
        ext.add_argument("--dir", dest="in_dir", help="Thư mục đầu vào (mỗi tệp cho một tệp JSON).")
        ext.add_argument("--out", dest="out_dir", help="Thư mục ghi kết quả.")
        score = sub.add_parser("score", help="Chấm điểm trích xuất bằng score.py chính thức.")
        score.add_argument(
            "--gold", help="Thư mục có các cặp NAME.txt/NAME.json (mặc định: mẫu và bộ của dự án)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "ingest":
            self._ingest(options)
        elif action == "extract":
            self._extract(options)
        else:
            self._score(options)

    # --- ingest ------------------------------------------------------------------------------------------
    def _ingest(self, options: dict[str, Any]) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy đường dẫn “{path}”.")
        actor: Any = services.CommandLineActor()
        if options["user"]:
            from danvan.accounts.models import User

            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"Không có tài khoản “{options['user']}”.")
            if not services.can_ingest(user):
                raise CommandError(f"Tài khoản “{user.username}” không có quyền nhập bài báo.")
            actor = user
        total = services.count_article_files(path)
        if total == 0:
            raise CommandError(f"“{path}” không có tệp .txt, .html hoặc .htm nào để nhập.")
        quiet = options["verbosity"] == 0 or options["no_progress"]
        bar = tqdm(
            total=total, desc="Nhập bài báo", unit="tệp", disable=True if quiet else None, file=sys.stderr
        )  # None: only on a terminal

        def report(outcome: services.IngestOutcome) -> None:
            bar.update(1)
            line = ""
            if outcome.status == "error":
                line = f"✗ {outcome.name}: {outcome.message}"
            elif outcome.status == "duplicate" and options["verbosity"] >= 2:
                line = f"= {outcome.name}: {outcome.message}"
            if line:
                with tqdm.external_write_mode(file=sys.stderr):
                    self.stderr.write(line)

        try:
            summary = services.ingest_path(path, actor=actor, on_outcome=report)
        finally:
            bar.close()
        line = (
            f"Đã đọc {summary.read}/{total} tệp: {summary.created} sự kiện mới, "
            f"{summary.duplicates} bài trùng (không tạo sự kiện mới), {len(summary.errors)} tệp lỗi."
        )
        if summary.read == 0:
            raise CommandError(f"Không nhập được tệp nào. {line}")
        self.stdout.write(self.style.SUCCESS(line))

    # --- extract -----------------------------------------------------------------------------------------
    def _extract(self, options: dict[str, Any]) -> None:
        if options["in_dir"] or options["out_dir"]:
            if not options["in_dir"] or not options["out_dir"]:
                raise CommandError("Dùng --dir THƯ_MỤC_VÀO cùng với --out THƯ_MỤC_RA.")
            self._extract_dir(Path(options["in_dir"]), Path(options["out_dir"]))
            return
        if not options["file"]:
            raise CommandError("Hãy cho biết tệp cần trích xuất: danvan press extract TỆP --json.")
        file = Path(options["file"])
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        try:
            result = extract(decode_bytes(file.read_bytes()))
        except ExtractionError as exc:
            raise CommandError(f"{file.name}: {exc}") from exc
        if options["json"]:
            self.stdout.write(_dump(result))
            return
        event = result["event"]
        province = event.get("province") or {}
        self.stdout.write(
            "\n".join(
                [
                    f"Tiêu đề: {result.get('title') or '—'}",
                    f"Loại: {event.get('type')}; ngày: {event.get('date') or '—'}; phạm vi: {event.get('scope') or '—'}"
                    f"; trực tuyến: {'có' if event.get('online') else 'không'}",
                    f"Tổ chức: {event.get('organizer') or '—'}",
                    f"Tỉnh: {province.get('historical_name') or '—'} (mã {province.get('code') or '—'})",
                    "Chủ trì: " + ("; ".join(c["name"] for c in result.get("chairs") or []) or "—"),
                    "Văn bản: " + (", ".join(result.get("documents") or []) or "—"),
                ]
            )
        )

    def _extract_dir(self, in_dir: Path, out_dir: Path) -> None:
        if not in_dir.is_dir():
            raise CommandError(f"Không tìm thấy thư mục “{in_dir}”.")
        files = list(services.iter_article_files(in_dir))
        if not files:
            raise CommandError(f"“{in_dir}” không có tệp .txt, .html hoặc .htm nào.")
        written = bad = 0
        for file in files:
            target = out_dir / file.relative_to(in_dir).with_suffix(".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                result = extract(decode_bytes(file.read_bytes()))
            except (ExtractionError, OSError) as exc:
                self.stderr.write(f"✗ {file.relative_to(in_dir)}: {exc} (ghi sự kiện rỗng)")
                result = empty_event()
                bad += 1
            target.write_text(_dump(result) + "\n", encoding="utf-8")
            written += 1
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {written} tệp JSON vào {out_dir} ({bad} tệp lỗi)."))

    # --- score -------------------------------------------------------------------------------------------
    def _score(self, options: dict[str, Any]) -> None:
        if options["gold"]:
            sets = [("Bộ chấm", Path(options["gold"]))]
        else:
            sets = [
                ("Mẫu thật (../shared/press/samples)", SHARED_PRESS / "samples"),
                ("Bộ của dự án", CORPUS_DIR),
            ]
        scored = 0
        for label, gold in sets:
            if not gold.is_dir() or not any(gold.glob("*.json")):
                self.stderr.write(f"{label}: không tìm thấy thư mục chấm {gold} (bỏ qua).")
                continue
            n = len(list(gold.glob("*.json")))
            with tempfile.TemporaryDirectory(prefix="danvan-press-score-") as tmp:
                run_extraction_dir(gold, tmp)
                try:
                    value = score_dir(gold, tmp)
                except (FileNotFoundError, ImportError) as exc:
                    raise CommandError(f"Không nạp được score.py chính thức: {exc}") from exc
            self.stdout.write(f"{label}: {value:.3f} ({n} bài)")
            scored += 1
        if not scored:
            raise CommandError("Không có bộ dữ liệu nào để chấm điểm.")
