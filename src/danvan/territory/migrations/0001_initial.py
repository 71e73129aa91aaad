import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AdminUnit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=10, unique=True, verbose_name="mã GSO")),
                ("name", models.CharField(max_length=150, verbose_name="tên")),
                ("short_name", models.CharField(max_length=150, verbose_name="tên rút gọn")),
                ("division_type", models.CharField(max_length=50, verbose_name="loại")),
                ("level", models.PositiveSmallIntegerField(choices=[(0, "Trung ương"), (1, "Tỉnh, thành phố"), (2, "Xã, phường, đặc khu")], db_index=True, verbose_name="cấp")),
                ("path", models.CharField(max_length=64, unique=True, verbose_name="đường dẫn")),
                ("folded_name", models.CharField(db_index=True, max_length=150, verbose_name="tên không dấu")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="territory.adminunit", verbose_name="cấp trên")),
            ],
            options={"verbose_name": "đơn vị hành chính", "verbose_name_plural": "đơn vị hành chính", "ordering": ["path"]},
        ),
        migrations.CreateModel(
            name="LegacyProvince",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=4, unique=True, verbose_name="mã cũ")),
                ("name", models.CharField(max_length=150, verbose_name="tên cũ")),
                ("folded_name", models.CharField(db_index=True, max_length=150)),
                ("current", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="territory.adminunit", verbose_name="thuộc tỉnh mới")),
            ],
            options={"verbose_name": "tỉnh trước sáp nhập", "verbose_name_plural": "tỉnh trước sáp nhập", "ordering": ["code"]},
        ),
    ]
