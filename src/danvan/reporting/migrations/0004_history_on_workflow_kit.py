"""Reports and tasks on the workflow kit: ReportEvent rows move into ReportHistory (from_status →
from_state, to_status → to_state, comment → reason, the action named from the move, the actor's label
kept), then the old table goes; tasks get their history table; the repeated columns take core's bases."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


ACTIONS = {"draft": "start", "submitted": "submit", "returned": "return_report", "accepted": "accept"}


def move_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    Event = apps.get_model("reporting", "ReportEvent")
    History = apps.get_model("reporting", "ReportHistory")
    batch = []
    for ev in Event.objects.select_related("actor").order_by("id").iterator(chunk_size=2000):
        batch.append(
            History(
                report_id=ev.report_id,
                at=ev.at,
                actor_id=ev.actor_id,
                actor_label=(ev.actor.username if ev.actor is not None else "hệ thống")[:200],
                action=ACTIONS.get(ev.to_status, f"move_{ev.to_status}")[:40],
                from_state=ev.from_status,
                to_state=ev.to_status,
                reason=ev.comment,
            )
        )
        if len(batch) >= 2000:
            History.objects.bulk_create(batch)
            batch = []
    History.objects.bulk_create(batch)
    if History.objects.count() != Event.objects.count():
        raise RuntimeError("reporting: history rows lost while moving ReportEvent into ReportHistory")


def move_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    Event = apps.get_model("reporting", "ReportEvent")
    History = apps.get_model("reporting", "ReportHistory")
    Event.objects.bulk_create(
        Event(
            report_id=h.report_id,
            at=h.at,
            actor_id=h.actor_id,
            from_status=h.from_state,
            to_status=h.to_state,
            comment=h.reason,
        )
        for h in History.objects.filter(action__in=ACTIONS.values()).order_by("id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0003_snapshot_totals'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='conference',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='conference',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='dữ liệu mẫu'),
        ),
        migrations.AlterField(
            model_name='period',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='dữ liệu mẫu'),
        ),
        migrations.AlterField(
            model_name='report',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='report',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='dữ liệu mẫu'),
        ),
        migrations.AlterField(
            model_name='task',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='dữ liệu mẫu'),
        ),
        migrations.CreateModel(
            name='ReportHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(verbose_name='thời điểm')),
                ('actor_label', models.CharField(blank=True, max_length=200, verbose_name='người thực hiện')),
                ('action', models.CharField(max_length=40, verbose_name='thao tác')),
                ('from_state', models.CharField(blank=True, max_length=20, verbose_name='từ trạng thái')),
                ('to_state', models.CharField(blank=True, max_length=20, verbose_name='sang trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do, ghi chú')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='reporting.report')),
            ],
            options={
                'verbose_name': 'lịch sử báo cáo',
                'verbose_name_plural': 'lịch sử báo cáo',
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='TaskHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(verbose_name='thời điểm')),
                ('actor_label', models.CharField(blank=True, max_length=200, verbose_name='người thực hiện')),
                ('action', models.CharField(max_length=40, verbose_name='thao tác')),
                ('from_state', models.CharField(blank=True, max_length=20, verbose_name='từ trạng thái')),
                ('to_state', models.CharField(blank=True, max_length=20, verbose_name='sang trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do, ghi chú')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='reporting.task')),
            ],
            options={
                'verbose_name': 'lịch sử nhiệm vụ',
                'verbose_name_plural': 'lịch sử nhiệm vụ',
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunPython(move_events, move_back),
        migrations.DeleteModel(
            name='ReportEvent',
        ),
    ]
