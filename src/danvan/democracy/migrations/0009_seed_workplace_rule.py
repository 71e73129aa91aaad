"""Seed the workplace rule (../shared/legal/GRASSROOTS.md §5; see the README for what was checked)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("democracy", "WorkplaceRule").objects.get_or_create(
        effective_from=dt.date(2023, 7, 1),
        defaults=dict(
            name="Hội nghị, đối thoại tại nơi làm việc (mặc định)",
            legal_basis=(
                "Luật Thực hiện dân chủ ở cơ sở 2022 (hội nghị cán bộ, công chức, viên chức hằng năm); "
                "Bộ luật Lao động 2019, Nghị định 145/2020/NĐ-CP (hội nghị người lao động hằng năm, "
                "đối thoại định kỳ ít nhất 1 lần/năm)"
            ),
            conference_due_month=12,
            conference_due_day=31,
            dialogues_per_year=1,
        ),
    )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "WorkplaceRule").objects.filter(effective_from=dt.date(2023, 7, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0008_workplaces")]
    operations = [migrations.RunPython(seed, unseed)]
