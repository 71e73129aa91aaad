"""`danvan security enrolment-code USERNAME`: issue a one-time two-factor enrolment code (printed once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.models import User
from danvan.security import enrolment


class Command(BaseCommand):
    help = "Bảo mật tài khoản: cấp mã kích hoạt xác thực hai lớp cho một cán bộ."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        code = sub.add_parser("enrolment-code", help="Cấp mã kích hoạt (chỉ in một lần).")
        code.add_argument("username")
        code.add_argument("--hours", type=int, default=enrolment.DEFAULT_HOURS, help="Thời hạn (giờ).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['username']}”.")
        try:
            raw = enrolment.issue_code(actor=None, user=user, hours=options["hours"])
        except enrolment.EnrolmentError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Mã kích hoạt xác thực hai lớp cho {user.username} (dùng một lần, hiệu lực {options['hours']} giờ; "
            "chỉ hiện một lần, hãy trao trực tiếp cho cán bộ):"
        )
        self.stdout.write(raw)
