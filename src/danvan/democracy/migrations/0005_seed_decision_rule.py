"""Seed the community-decision rule (../shared/legal/GRASSROOTS.md §2; defaults to verify, see README)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("democracy", "DecisionRule").objects.get_or_create(
        effective_from=dt.date(2023, 7, 1),
        defaults=dict(
            name="Bàn và quyết định ở thôn, tổ dân phố (mặc định)",
            legal_basis="Luật Thực hiện dân chủ ở cơ sở 2022; Nghị định 59/2023/NĐ-CP; Nghị định 61/2023/NĐ-CP (hương ước)",
            pass_percent=50,
            quorum_percent=50,
            committee_min=3,
            committee_max=5,
            convention_min_days=30,
        ),
    )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "DecisionRule").objects.filter(effective_from=dt.date(2023, 7, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0004_decisions")]
    operations = [migrations.RunPython(seed, unseed)]
