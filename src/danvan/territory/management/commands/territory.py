"""`danvan territory load|lookup|stats`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from danvan.territory import selectors, services
from danvan.territory.models import AdminUnit, LegacyProvince, Level


class Command(BaseCommand):
    help = "Đơn vị hành chính: nạp từ gói vietnam-provinces, tra cứu tên, thống kê."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Nạp (hoặc cập nhật) 34 tỉnh, 3.321 xã và 63 tỉnh cũ.")
        lookup = sub.add_parser("lookup", help="Tìm đơn vị theo tên hoặc địa chỉ (cũ hoặc mới).")
        lookup.add_argument("text")
        sub.add_parser("stats", help="Đếm đơn vị theo cấp.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            if (
                AdminUnit.objects.filter(level=Level.COMMUNE).count() == 3321
                and LegacyProvince.objects.count() == 63
            ):
                self.stdout.write("Đơn vị hành chính đã có đủ (34 tỉnh, 3.321 xã): bỏ qua.")
                return
            with tqdm(
                total=3321 + 35 + 63,
                desc="Nạp đơn vị hành chính",
                unit="đv",
                disable=True if options["verbosity"] == 0 else None,  # None: only on a terminal
            ) as bar:
                result = services.load_territory(progress=bar.update)
            selectors.clear_caches()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp {result.provinces} tỉnh, {result.communes} xã, {result.legacy_provinces} tỉnh cũ."
                )
            )
        elif action == "lookup":
            unit = selectors.resolve_province(options["text"]) or selectors.resolve_address(options["text"])
            if unit is None:
                raise CommandError(f"Không tìm thấy đơn vị cho “{options['text']}”.")
            self.stdout.write(f"{unit.code}\t{unit.name}\t{unit.path}")
        else:
            for level in Level:
                self.stdout.write(f"{level.label}: {AdminUnit.objects.filter(level=level).count()}")
            self.stdout.write(f"Tỉnh trước sáp nhập: {LegacyProvince.objects.count()}")
