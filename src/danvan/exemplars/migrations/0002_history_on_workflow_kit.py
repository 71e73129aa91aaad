"""Exemplars on the workflow kit: ExemplarEvent rows move into ExemplarHistory (from_status → from_state,
to_status → to_state, note → reason, the action named from the move, the actor's label kept), then the
old table goes; contests get their history table; Replication and Contest take core's abstract bases."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


# The action of an old event, named from its move (from_status, to_status).
ACTIONS = {
    ("", "draft"): "register",
    ("draft", "submitted"): "submit",
    ("submitted", "draft"): "return_to_draft",
    ("submitted", "under_evaluation"): "open_evaluation",
    ("under_evaluation", "recognised"): "recognise",
    ("under_evaluation", "not_recognised"): "refuse",
    ("recognised", "retired"): "retire",
}


def action_of(from_status: str, to_status: str) -> str:
    return ACTIONS.get((from_status, to_status), f"move_{to_status}"[:40])


def move_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    Event = apps.get_model("exemplars", "ExemplarEvent")
    History = apps.get_model("exemplars", "ExemplarHistory")
    batch = []
    for ev in Event.objects.select_related("actor").order_by("id").iterator(chunk_size=2000):
        batch.append(
            History(
                exemplar_id=ev.exemplar_id,
                at=ev.at,
                actor_id=ev.actor_id,
                actor_label=(ev.actor.username if ev.actor is not None else "hệ thống")[:200],
                action=action_of(ev.from_status, ev.to_status),
                from_state=ev.from_status,
                to_state=ev.to_status,
                reason=ev.note,
            )
        )
        if len(batch) >= 2000:
            History.objects.bulk_create(batch)
            batch = []
    History.objects.bulk_create(batch)
    if History.objects.count() != Event.objects.count():
        raise RuntimeError("exemplars: history rows lost while moving ExemplarEvent into ExemplarHistory")


def move_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    Event = apps.get_model("exemplars", "ExemplarEvent")
    History = apps.get_model("exemplars", "ExemplarHistory")
    Event.objects.bulk_create(
        Event(
            exemplar_id=h.exemplar_id,
            at=h.at,
            actor_id=h.actor_id,
            from_status=h.from_state,
            to_status=h.to_state or h.from_state,
            note=h.reason,
        )
        for h in History.objects.exclude(to_state="").order_by("id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('exemplars', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contest',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='contest',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='contest',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='dữ liệu mẫu'),
        ),
        migrations.AlterField(
            model_name='replication',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='replication',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='dữ liệu mẫu'),
        ),
        migrations.CreateModel(
            name='ContestHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(verbose_name='thời điểm')),
                ('actor_label', models.CharField(blank=True, max_length=200, verbose_name='người thực hiện')),
                ('action', models.CharField(max_length=40, verbose_name='thao tác')),
                ('from_state', models.CharField(blank=True, max_length=20, verbose_name='từ trạng thái')),
                ('to_state', models.CharField(blank=True, max_length=20, verbose_name='sang trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do, ghi chú')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('contest', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='exemplars.contest')),
            ],
            options={
                'verbose_name': 'lịch sử hội thi',
                'verbose_name_plural': 'lịch sử hội thi',
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ExemplarHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(verbose_name='thời điểm')),
                ('actor_label', models.CharField(blank=True, max_length=200, verbose_name='người thực hiện')),
                ('action', models.CharField(max_length=40, verbose_name='thao tác')),
                ('from_state', models.CharField(blank=True, max_length=20, verbose_name='từ trạng thái')),
                ('to_state', models.CharField(blank=True, max_length=20, verbose_name='sang trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do, ghi chú')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('exemplar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='exemplars.exemplar')),
            ],
            options={
                'verbose_name': 'lịch sử hồ sơ mô hình',
                'verbose_name_plural': 'lịch sử hồ sơ mô hình',
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunPython(move_events, move_back),
        migrations.DeleteModel(
            name='ExemplarEvent',
        ),
    ]
