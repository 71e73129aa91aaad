from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("petitions", "0014_notify_consent")]

    operations = [
        migrations.AddField(
            model_name="petitionhistory",
            name="public_note",
            field=models.CharField(blank=True, max_length=400, verbose_name="ghi chú công khai"),
        ),
    ]
