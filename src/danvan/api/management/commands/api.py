"""`danvan api token create|list|revoke`: manage API tokens (the secret is printed once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.api import tokens
from danvan.api.models import ApiToken
from danvan.territory.selectors import UnknownUnitError, get_unit


class Command(BaseCommand):
    help = "Khóa API: tạo (in khóa một lần), liệt kê, thu hồi."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        token = sub.add_parser("token", help="Quản lý khóa API.")
        actions = token.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Tạo khóa mới.")
        create.add_argument("--unit", required=True, help="Mã đơn vị (GSO), ví dụ 20 hoặc VN.")
        create.add_argument("--scope", required=True, choices=["read", "write"])
        create.add_argument("--name", required=True, help="Tên ứng dụng dùng khóa.")
        create.add_argument(
            "--portal-intake",
            action="store_true",
            help="Khóa tiếp nhận của cổng thông tin: gửi được đơn về sự việc ở mọi địa bàn "
            "(mặc định một khóa chỉ gửi đơn trong địa bàn của đơn vị mình).",
        )
        actions.add_parser("list", help="Liệt kê các khóa.")
        revoke = actions.add_parser("revoke", help="Thu hồi một khóa theo tiền tố.")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            try:
                unit = get_unit(options["unit"])
                token, raw = tokens.create_token(
                    actor=None,
                    name=options["name"],
                    unit=unit,
                    scope=options["scope"],
                    portal_intake=options["portal_intake"],
                )
            except (UnknownUnitError, tokens.TokenError) as exc:
                raise CommandError(str(exc)) from exc
            self.stderr.write(
                f"Đã tạo khóa {token.name} ({token.get_scope_display()}, {unit}). "
                "Khóa chỉ hiện một lần, hãy lưu lại:"
            )
            self.stdout.write(raw)
        elif action == "list":
            for token in ApiToken.objects.select_related("unit"):
                state = "đã thu hồi" if token.revoked_at else "đang dùng"
                used = token.last_used_at.isoformat() if token.last_used_at else "chưa dùng"
                self.stdout.write(
                    f"{token.prefix}\t{token.name}\t{token.scope}\t{token.unit.code}\t{state}\t{used}"
                )
        elif action == "revoke":
            token_obj = ApiToken.objects.filter(prefix=options["prefix"]).first()
            if token_obj is None:
                raise CommandError(f"Không có khóa nào có tiền tố {options['prefix']!r}.")
            tokens.revoke_token(actor=None, token=token_obj)
            self.stdout.write(self.style.SUCCESS(f"Đã thu hồi khóa {token_obj.name}."))
