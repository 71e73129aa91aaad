from django.db import migrations, models


from danvan.core import audit_sql as audit_triggers


def add_triggers(apps, schema_editor):
    pg = schema_editor.connection.vendor == "postgresql"
    for sql in audit_triggers.PG_CREATE if pg else audit_triggers.SQLITE_CREATE:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    pg = schema_editor.connection.vendor == "postgresql"
    for sql in audit_triggers.PG_DROP if pg else audit_triggers.SQLITE_DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_id", models.BigIntegerField(default=0)),
                ("last_hash", models.CharField(default="0" * 64, max_length=64)),
                ("count", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "đầu chuỗi nhật ký"},
        ),
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, verbose_name="thời điểm")),
                ("actor_id", models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name="người thực hiện (id)")),
                ("actor_label", models.CharField(blank=True, max_length=200, verbose_name="người thực hiện")),
                ("unit_id", models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name="đơn vị (id)")),
                ("unit_path", models.CharField(blank=True, db_index=True, max_length=64, verbose_name="đường dẫn đơn vị")),
                ("action", models.CharField(choices=[("create", "Tạo mới"), ("update", "Cập nhật"), ("delete", "Xóa"), ("transition", "Chuyển trạng thái"), ("export", "Xuất dữ liệu"), ("view_confidential", "Xem thông tin mật"), ("import", "Nhập dữ liệu"), ("login", "Đăng nhập"), ("login_failed", "Đăng nhập thất bại")], db_index=True, max_length=32, verbose_name="hành động")),
                ("object_type", models.CharField(max_length=100, verbose_name="loại đối tượng")),
                ("object_id", models.CharField(blank=True, max_length=64, verbose_name="mã đối tượng")),
                ("summary", models.CharField(blank=True, max_length=500, verbose_name="mô tả")),
                ("changes", models.JSONField(blank=True, default=dict, verbose_name="trường thay đổi")),
                ("prev_hash", models.CharField(max_length=64)),
                ("hash", models.CharField(max_length=64, unique=True)),
            ],
            options={
                "verbose_name": "nhật ký kiểm tra",
                "verbose_name_plural": "nhật ký kiểm tra",
                "ordering": ["id"],
                "indexes": [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")],
            },
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
