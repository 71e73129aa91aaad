"""`danvan restore PATH`: restore an encrypted backup into an empty database, then compare row counts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core import audit
from danvan.core.audit import verify
from danvan.core.models import AuditAction
from danvan.operations import backup


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu vào cơ sở dữ liệu trống, rồi so số dòng và kiểm tra chuỗi nhật ký."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Tệp sao lưu.")
        parser.add_argument("--passphrase-env", default=backup.PASSPHRASE_ENV)
        parser.add_argument("--force", action="store_true", help="Ghi đè cơ sở dữ liệu đã có dữ liệu.")

    def handle(self, *args: Any, **options: Any) -> None:
        passphrase = os.environ.get(options["passphrase_env"]) or None
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Không thấy tệp sao lưu {path}.")
        try:
            meta = backup.restore(path, passphrase=passphrase, force=options["force"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = backup.table_counts()
        wrong = {t: (n, counts.get(t)) for t, n in meta["counts"].items() if counts.get(t) != n}
        if wrong:
            detail = ", ".join(f"{t}: {a}≠{b}" for t, (a, b) in list(wrong.items())[:10])
            raise CommandError(f"Số dòng sau khôi phục không khớp: {detail}")
        result = verify()
        if not result.ok:
            raise CommandError(f"Chuỗi nhật ký sau khôi phục không toàn vẹn: {result.message}")
        audit.record(
            actor=None,
            action=AuditAction.IMPORT,
            object_type="database",
            summary="Khôi phục cơ sở dữ liệu từ bản sao lưu",
            changes={"file": path.name, "created_at": meta.get("created_at", "")},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {meta['vendor']}: {len(counts)} bảng, {sum(counts.values())} dòng khớp; {result.message}"
            )
        )
