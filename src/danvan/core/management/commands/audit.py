"""`danvan audit verify|checkpoint`: check the keyed audit chain; sign its head into a file outside the DB."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core import audit


class Command(BaseCommand):
    help = (
        "Nhật ký kiểm tra: `verify` phát hiện dòng bị sửa hoặc bị xóa (và ghi một điểm kiểm đã ký khi "
        "nhật ký toàn vẹn); `checkpoint` ghi điểm kiểm đã ký của đầu chuỗi ra tệp ngoài cơ sở dữ liệu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Kiểm tra chuỗi băm có khóa của nhật ký.")
        verify.add_argument(
            "--no-checkpoint", action="store_true", help="Không ghi điểm kiểm sau khi kiểm tra xong."
        )
        sub.add_parser("checkpoint", help="Ghi điểm kiểm đã ký của đầu chuỗi (chạy định kỳ, ví dụ cron).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            point = audit.write_checkpoint()
            if point is None:
                raise CommandError(
                    "Chưa ghi được điểm kiểm: chưa đặt DANVAN_AUDIT_CHECKPOINT_FILE hoặc nhật ký còn trống."
                )
            self.stdout.write(
                f"Điểm kiểm nhật ký: {point['count']} dòng, đến dòng #{point['last_id']} "
                f"(khóa {point['key_id']}) → {audit.checkpoint_path()}"
            )
            return
        result = audit.verify()
        if not result.ok:
            raise CommandError(result.message)
        if not options["no_checkpoint"]:
            audit.write_checkpoint()
        self.stdout.write(self.style.SUCCESS(result.message))
