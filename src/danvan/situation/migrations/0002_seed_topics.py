"""Seed the topic taxonomy (editable afterwards) and the rise detector's default thresholds."""

from __future__ import annotations

from typing import Any

from django.db import migrations

TOPICS = [
    ("dat_dai", "Đất đai, bồi thường, giải phóng mặt bằng", ["dat_dai"], True,
     "đất\nđất đai\nbồi thường\ngiải phóng mặt bằng\nthu hồi đất\ntái định cư\nsổ đỏ\nranh giới"),
    ("moi_truong", "Môi trường, ô nhiễm", ["moi_truong"], True,
     "ô nhiễm\nmôi trường\nnguồn nước\nnước thải\nrác thải\nkhói bụi\nmùi hôi\nsạt lở"),
    ("chinh_sach_xa_hoi", "An sinh xã hội, chính sách", ["chinh_sach_xa_hoi"], False,
     "hộ nghèo\ntrợ cấp\nchính sách\nngười có công\nbảo hiểm xã hội\nan sinh"),
    ("gia_ca_doi_song", "Giá cả, việc làm, đời sống", [], False,
     "giá cả\ngiá\nviệc làm\nthu nhập\nđời sống\nthất nghiệp\nphân bón\nmất mùa"),
    ("ton_giao", "Tôn giáo, tín ngưỡng", [], True, "tôn giáo\ntín ngưỡng\nnhà thờ\nchùa\nđạo\nlễ hội"),
    ("dan_toc", "Dân tộc", [], True, "dân tộc\nđồng bào\nvùng cao\ndân tộc thiểu số"),
    ("an_ninh_trat_tu", "An ninh, trật tự", ["an_ninh_trat_tu"], True,
     "an ninh\ntrật tự\ntrộm cắp\nma túy\ncờ bạc\nđánh nhau\ntụ tập đông người\nlừa đảo"),
    ("can_bo_cong_chuc", "Tác phong, đạo đức cán bộ", ["can_bo_cong_chuc"], True,
     "cán bộ\ncông chức\nnhũng nhiễu\ntham nhũng\nhách dịch\nthái độ"),
    ("y_te_giao_duc", "Y tế, giáo dục", ["y_te", "giao_duc"], False,
     "y tế\nbệnh viện\ntrạm y tế\ntrường học\nhọc phí\ngiáo viên\ndịch bệnh"),
    ("ha_tang_giao_thong", "Hạ tầng, giao thông", ["ha_tang_giao_thong"], False,
     "đường\ngiao thông\ncầu\nđiện\nnước sạch\nhạ tầng\nthủy lợi"),
    ("nha_o", "Nhà ở, xây dựng", ["nha_o"], False, "nhà ở\nxây dựng\nxây nhà\ngiấy phép xây dựng"),
    ("khac", "Vấn đề khác", ["khac"], False, ""),
]  # fmt: skip


def seed(apps: Any, schema_editor: Any) -> None:
    Topic = apps.get_model("situation", "Topic")
    for order, (code, name, fields, sensitive, keywords) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "petition_fields": fields,
                "is_sensitive": sensitive,
                "keywords": keywords,
                "order": order * 10,
            },
        )
    RiseThreshold = apps.get_model("situation", "RiseThreshold")
    RiseThreshold.objects.get_or_create(level=2, defaults={"p_value": 0.001, "min_count": 4, "min_ratio": 2.0})
    RiseThreshold.objects.get_or_create(level=1, defaults={"p_value": 0.0005, "min_count": 8, "min_ratio": 1.5})


class Migration(migrations.Migration):
    dependencies = [("situation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
