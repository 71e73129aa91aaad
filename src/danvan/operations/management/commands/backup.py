"""`danvan backup PATH`: an encrypted, consistent copy of the database (SQLite or PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.operations import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu vào một tệp mã hóa (khóa DANVAN_FIELD_KEYS hoặc mật khẩu DANVAN_BACKUP_PASSPHRASE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Tệp sao lưu sẽ tạo.")
        parser.add_argument(
            "--passphrase-env",
            default=backup.PASSPHRASE_ENV,
            help="Biến môi trường chứa mật khẩu (nếu có, dùng mật khẩu thay cho khóa trường).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        passphrase = os.environ.get(options["passphrase_env"]) or None
        try:
            info = backup.backup(Path(options["path"]), passphrase=passphrase)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(info.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {info.vendor}: {len(info.counts)} bảng, {rows} dòng, {info.size} byte → {info.path}"
            )
        )
