"""`danvan reporting rebuild-counts|check-counts|install-counts`: the aggregate counts behind indicators."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

SUBCOMMANDS = ("rebuild-counts", "check-counts", "install-counts")


class Command(BaseCommand):
    help = "Sơ kết, tổng kết: dựng lại hoặc kiểm tra bảng số đếm tổng hợp của các chỉ tiêu."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "rebuild-counts",
            help="Tính lại bảng số đếm từ hồ sơ gốc (sau khi nạp dữ liệu hàng loạt với trigger tắt).",
        )
        sub.add_parser("check-counts", help="So bảng số đếm với số đếm lại từ hồ sơ gốc; lỗi nếu lệch.")
        sub.add_parser("install-counts", help="Tạo lại trigger giữ bảng số đếm, rồi tính lại bảng.")

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.reporting import counts

        action = options["action"]
        started = time.perf_counter()
        if action == "rebuild-counts":
            sizes = counts.rebuild()
            if options["verbosity"] > 1:
                for name, rows in sizes.items():
                    self.stdout.write(f"{name}: {rows:,} dòng")
            if options["verbosity"] > 0:
                self.stdout.write(f"Đã tính lại bảng số đếm ({time.perf_counter() - started:.1f} s).")
        elif action == "install-counts":
            counts.install(force=True)
            self.stdout.write(
                f"Đã tạo trigger và tính lại bảng số đếm ({time.perf_counter() - started:.1f} s)."
            )
        else:
            wrong = counts.mismatches()
            if wrong:
                for row in wrong[:20]:
                    self.stderr.write(" ".join(str(v) for v in row))
                raise CommandError(f"Bảng số đếm lệch với hồ sơ gốc ở {len(wrong)} dòng.")
            self.stdout.write("Bảng số đếm khớp với hồ sơ gốc.")
