"""DialogueEvent and CommitmentEvent become the workflow kit's history models (DialogueHistory,
CommitmentHistory, subclasses of `danvan.core.workflow.TransitionRecord`).

The tables are renamed, not copied, so every row stays (its id, time, actor, states, reason); the new
columns are filled from the old ones: `action` from the move (the state it led to), `actor_label` from
the actor's account name, a commitment's `note` becomes `reason`.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DIALOGUE_ACTIONS = {
    "planned": "create",
    "announced": "announce",
    "held": "hold",
    "published": "publish",
    "cancelled": "cancel",
}
COMMITMENT_ACTIONS = {"open": "create", "in_progress": "start", "done": "complete", "explained": "explain"}


def _fill(model, actions):
    for row in model.objects.select_related("actor").iterator(chunk_size=2000):
        row.action = "create" if not row.from_state else actions.get(row.to_state, row.to_state)
        row.actor_label = (row.actor.username if row.actor_id else "hệ thống")[:200]
        row.save(update_fields=["action", "actor_label"])


def fill(apps, schema_editor):
    _fill(apps.get_model("engagement", "DialogueHistory"), DIALOGUE_ACTIONS)
    _fill(apps.get_model("engagement", "CommitmentHistory"), COMMITMENT_ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0004_question_counters"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("DialogueEvent", "DialogueHistory"),
        migrations.RenameModel("CommitmentEvent", "CommitmentHistory"),
        migrations.RenameField("commitmenthistory", "note", "reason"),
        migrations.AddField(
            model_name="dialoguehistory",
            name="action",
            field=models.CharField(default="", max_length=40, verbose_name="thao tác"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="dialoguehistory",
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="người thực hiện"),
        ),
        migrations.AddField(
            model_name="commitmenthistory",
            name="action",
            field=models.CharField(default="", max_length=40, verbose_name="thao tác"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="commitmenthistory",
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="người thực hiện"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
    for name, fk, target in (
        ("dialoguehistory", "dialogue", "engagement.dialogue"),
        ("commitmenthistory", "commitment", "engagement.commitment"),
    ):
        operations += [
            migrations.AlterField(
                model_name=name,
                name="at",
                field=models.DateTimeField(verbose_name="thời điểm"),
            ),
            migrations.AlterField(
                model_name=name,
                name="actor",
                field=models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="người thực hiện",
                ),
            ),
            migrations.AlterField(
                model_name=name,
                name="from_state",
                field=models.CharField(blank=True, max_length=20, verbose_name="từ trạng thái"),
            ),
            migrations.AlterField(
                model_name=name,
                name="to_state",
                field=models.CharField(blank=True, max_length=20, verbose_name="sang trạng thái"),
            ),
            migrations.AlterField(
                model_name=name,
                name="reason",
                field=models.TextField(blank=True, verbose_name="lý do, ghi chú"),
            ),
            migrations.AlterField(
                model_name=name,
                name=fk,
                field=models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="history", to=target
                ),
            ),
        ]
