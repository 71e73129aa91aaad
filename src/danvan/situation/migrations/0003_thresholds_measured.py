"""The rise detector's defaults as measured on generated series (README): 26 baseline weeks, p < 1e-4
for communes and 1e-5 for provinces. Rows an administrator already changed are left alone."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def update(apps: Any, schema_editor: Any) -> None:
    RiseThreshold = apps.get_model("situation", "RiseThreshold")
    RiseThreshold.objects.filter(level=2, p_value=0.001, min_count=4, baseline_weeks=12).update(
        p_value=0.0001, baseline_weeks=26
    )
    RiseThreshold.objects.filter(level=1, p_value=0.0005, min_count=8, baseline_weeks=12).update(
        p_value=0.00001, baseline_weeks=26
    )


class Migration(migrations.Migration):
    dependencies = [("situation", "0002_seed_topics")]
    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
