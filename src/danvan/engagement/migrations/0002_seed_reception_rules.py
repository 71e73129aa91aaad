"""Seed the reception-day minimums of ../shared/legal/RULES.md (editable afterwards, with effective dates).

From 1 July 2026 (Luật 136/2025/QH15) heads may no longer delegate periodic reception to deputies and
reception may be held online: each head gets a second row in force from that date.
"""

from __future__ import annotations

import datetime as dt

from django.db import migrations

CHANGE = dt.date(2026, 7, 1)
BEFORE_CHANGE = dt.date(2026, 6, 30)
LAW_2013 = dt.date(2014, 7, 1)  # Luật Tiếp công dân 42/2013/QH13 in force
QD11 = dt.date(2019, 2, 18)  # Quy định 11-QĐi/TW

RULES = [
    # head_role, days, period, first in force, legal basis
    ("commune_chairman", 1, "week", LAW_2013, "Luật Tiếp công dân 2013, Điều 15"),
    ("province_chairman", 1, "month", LAW_2013, "Luật Tiếp công dân 2013, Điều 12"),
    ("commune_secretary", 2, "month", QD11, "Quy định 11-QĐi/TW, sửa đổi theo Kết luận 215-KL/TW (2025)"),
    ("province_secretary", 1, "month", QD11, "Quy định 11-QĐi/TW, sửa đổi theo Kết luận 215-KL/TW (2025)"),
]


def seed(apps, schema_editor):
    ReceptionRule = apps.get_model("engagement", "ReceptionRule")
    for role, days, period, start, basis in RULES:
        ReceptionRule.objects.get_or_create(
            head_role=role,
            effective_from=start,
            defaults=dict(
                days_required=days,
                period=period,
                delegation_allowed=True,
                online_allowed=False,
                effective_to=BEFORE_CHANGE,
                legal_basis=basis,
            ),
        )
        ReceptionRule.objects.get_or_create(
            head_role=role,
            effective_from=CHANGE,
            defaults=dict(
                days_required=days,
                period=period,
                delegation_allowed=False,
                online_allowed=True,
                effective_to=None,
                legal_basis=basis + "; Luật 136/2025/QH15 (không ủy quyền cấp phó; được tiếp trực tuyến)",
            ),
        )


def unseed(apps, schema_editor):
    ReceptionRule = apps.get_model("engagement", "ReceptionRule")
    starts = {r[3] for r in RULES} | {CHANGE}
    ReceptionRule.objects.filter(effective_from__in=starts).delete()


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
