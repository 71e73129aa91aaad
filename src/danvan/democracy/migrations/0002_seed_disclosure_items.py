"""Seed the disclosure rule table from ../shared/legal/GRASSROOTS.md §1 (defaults to verify, see README)."""

import datetime as dt

from django.db import migrations

BASIS = "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11 (mặc định, cần đối chiếu)"
BOARD_WEB = ["notice_board", "web"]
BOARD_SPEAKER = ["notice_board", "loudspeaker", "web"]
ITEMS = [
    # code, name, required channels, min days, loudspeaker days, deadline days, per year
    ("socio_economic_plan", "Kế hoạch phát triển kinh tế – xã hội hằng năm và kết quả thực hiện", BOARD_WEB, 30, 0, 5, 1),
    ("budget_estimate", "Dự toán ngân sách xã hằng năm", BOARD_WEB, 30, 0, 5, 1),
    ("budget_execution", "Tình hình thực hiện dự toán ngân sách xã (quý, 6 tháng, năm)", BOARD_WEB, 30, 0, 5, 4),
    ("budget_settlement", "Quyết toán ngân sách xã và kết luận của Kiểm toán nhà nước", BOARD_WEB, 30, 0, 5, 1),
    ("investment_projects", "Dự án, công trình đầu tư trên địa bàn xã và tiến độ thực hiện", BOARD_WEB, 30, 0, 5, 0),
    ("land_recovery", "Phương án thu hồi đất, bồi thường, hỗ trợ, tái định cư", BOARD_SPEAKER, 30, 3, 5, 0),
    ("land_use_planning", "Quy hoạch, kế hoạch sử dụng đất; quy hoạch xây dựng", BOARD_WEB, 30, 0, 5, 0),
    ("admin_procedures", "Thủ tục hành chính thuộc thẩm quyền của xã", BOARD_WEB, 30, 0, 5, 1),
    ("inspection_results", "Kết quả thanh tra, giải quyết khiếu nại, tố cáo liên quan đến xã", BOARD_WEB, 30, 0, 5, 0),
    ("contributions", "Các khoản huy động, đóng góp của nhân dân và việc sử dụng", BOARD_SPEAKER, 30, 3, 5, 1),
    ("social_policies", "Chính sách an sinh xã hội: đối tượng, mức hưởng, danh sách hộ nghèo, cận nghèo", BOARD_SPEAKER, 30, 3, 5, 1),
    ("village_conventions", "Hương ước, quy ước đã được công nhận", BOARD_WEB, 30, 0, 5, 0),
    ("grassroots_rules", "Quy chế thực hiện dân chủ của xã", BOARD_WEB, 30, 0, 5, 0),
    ("officials_duties", "Nhiệm vụ, quyền hạn của cán bộ, công chức xã trực tiếp giải quyết công việc của nhân dân", BOARD_WEB, 30, 0, 5, 1),
]


def seed(apps, schema_editor):
    Item = apps.get_model("democracy", "DisclosureItem")
    for order, (code, name, channels, min_days, speaker, deadline, per_year) in enumerate(ITEMS, start=1):
        Item.objects.update_or_create(
            code=code,
            effective_from=dt.date(2023, 7, 1),
            defaults=dict(
                name=name,
                legal_basis=BASIS,
                required_channels=channels,
                min_days=min_days,
                loudspeaker_days=speaker,
                deadline_days=deadline,
                per_year=per_year,
                order=order * 10,
            ),
        )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "DisclosureItem").objects.filter(effective_from=dt.date(2023, 7, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
