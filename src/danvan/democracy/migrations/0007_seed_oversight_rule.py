"""Seed the oversight rule (../shared/legal/GRASSROOTS.md §4; defaults to verify, see README)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("democracy", "OversightRule").objects.get_or_create(
        effective_from=dt.date(2023, 7, 1),
        defaults=dict(
            name="Kiểm tra, giám sát của nhân dân (mặc định)",
            legal_basis="Luật Thực hiện dân chủ ở cơ sở 2022, Điều 30 và tiếp theo (mặc định, cần đối chiếu)",
            inspection_min_members=5,
            investment_max_deputies=2,
            reply_days=15,
            reply_working_days=True,
        ),
    )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "OversightRule").objects.filter(effective_from=dt.date(2023, 7, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0006_oversight")]
    operations = [migrations.RunPython(seed, unseed)]
