"""`danvan rulebook`: write docs/PERMISSIONS.md from every module's rulebook (`--check`: fail if stale)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

import danvan
from danvan.accounts.rulebook import render_markdown

DEFAULT = Path(danvan.__file__).resolve().parents[2] / "docs" / "PERMISSIONS.md"


def rendered() -> str:
    with translation.override("vi"):
        return render_markdown()


class Command(BaseCommand):
    help = "Ghi bảng phân quyền docs/PERMISSIONS.md từ quy tắc phân quyền của các phân hệ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=DEFAULT, help="Tệp Markdown cần ghi.")
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra tệp đã cập nhật chưa.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        text = rendered()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} chưa cập nhật: hãy chạy `danvan rulebook`.")
            self.stdout.write(self.style.SUCCESS(f"{path} đã cập nhật."))
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {path}."))
