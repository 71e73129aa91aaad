from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("petitions", "0013_history_on_workflow_kit")]

    operations = [
        migrations.AddField(
            model_name="petitionhistory",
            name="public_note",
            field=models.CharField(blank=True, max_length=400, verbose_name="ghi chú công khai"),
        ),
    ]
