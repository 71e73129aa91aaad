"""`danvan audit verify`: recompute the audit log's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.audit import verify


class Command(BaseCommand):
    help = "Nhật ký kiểm tra: `verify` phát hiện dòng bị sửa hoặc bị xóa."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Kiểm tra chuỗi băm của nhật ký.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if not result.ok:
            raise CommandError(result.message)
        self.stdout.write(self.style.SUCCESS(result.message))
