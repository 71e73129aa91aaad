"""Seed the field taxonomy, the deadline rules (../shared/legal/RULES.md) and the routing rules."""

import datetime as dt

from django.db import migrations

FIELDS = [
    ("dat_dai", "Đất đai"), ("nha_o", "Nhà ở"), ("moi_truong", "Môi trường"),
    ("chinh_sach_xa_hoi", "Chính sách xã hội"), ("y_te", "Y tế"), ("giao_duc", "Giáo dục"),
    ("ha_tang_giao_thong", "Hạ tầng, giao thông"), ("an_ninh_trat_tu", "An ninh trật tự"),
    ("can_bo_cong_chuc", "Cán bộ, công chức"), ("khac", "Khác"),
]
KN = "Luật Khiếu nại 2011 (02/2011/QH13)"
TC = "Luật Tố cáo 2018 (25/2018/QH14)"
# (kind, step, variant, days, working, max_times, basis)
RULES = [
    ("complaint", "accept", "normal", 10, False, 0, KN + ", Điều 27"),
    ("complaint", "resolve", "normal", 30, False, 0, KN + ", Điều 28"),
    ("complaint", "resolve", "complex", 45, False, 0, KN + ", Điều 28"),
    ("complaint", "resolve", "remote", 45, False, 0, KN + ", Điều 28"),
    ("complaint", "resolve", "remote_complex", 60, False, 0, KN + ", Điều 28"),
    ("complaint", "resolve", "second", 45, False, 0, KN + ", Điều 37"),
    ("complaint", "resolve", "second_complex", 60, False, 0, KN + ", Điều 37"),
    ("complaint", "resolve", "second_remote", 60, False, 0, KN + ", Điều 37"),
    ("complaint", "resolve", "second_remote_complex", 70, False, 0, KN + ", Điều 37"),
    ("complaint", "limitation", "normal", 90, False, 0, KN + ", Điều 9"),
    ("denunciation", "accept", "normal", 7, True, 0, TC + ", Điều 24"),
    ("denunciation", "accept", "several_places", 10, True, 0, TC + ", Điều 24"),
    ("denunciation", "notify", "normal", 5, True, 0, TC + ", Điều 29"),
    ("denunciation", "resolve", "normal", 30, False, 0, TC + ", Điều 30"),
    ("denunciation", "extension", "normal", 30, False, 2, TC + ", Điều 30"),
    ("feedback", "accept", "normal", 10, False, 0, "Xử lý đơn cấp tỉnh: 10 ngày"),
    ("feedback", "resolve", "normal", 10, True, 0, "Nghị định 20/2008, sửa đổi bởi Nghị định 92/2017"),
    ("proposal", "accept", "normal", 10, False, 0, "Xử lý đơn cấp tỉnh: 10 ngày"),
    ("proposal", "resolve", "normal", 10, True, 0, "Nghị định 20/2008, sửa đổi bởi Nghị định 92/2017"),
]
FROM = dt.date(2011, 7, 1)


def seed(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    RoutingRule = apps.get_model("petitions", "RoutingRule")
    fields = {}
    for order, (code, name) in enumerate(FIELDS, start=1):
        fields[code], _ = Field.objects.get_or_create(code=code, defaults={"name": name, "order": order * 10})
    for kind, step, variant, days, working, max_times, basis in RULES:
        DeadlineRule.objects.get_or_create(
            kind=kind, step=step, variant=variant, effective_from=FROM,
            defaults={"days": days, "working_days": working, "max_times": max_times, "legal_basis": basis},
        )
    # Commune level by default; denunciations about officials go to the province (Luật Tố cáo, Điều 13-14).
    RoutingRule.objects.get_or_create(kind="", field=None, level="commune", priority=10, effective_from=FROM,
                                      defaults={"note": "Mặc định: UBND cấp xã nơi phát sinh vụ việc"})
    RoutingRule.objects.get_or_create(kind="denunciation", field=fields["can_bo_cong_chuc"], level="province",
                                      priority=50, effective_from=FROM,
                                      defaults={"note": "Tố cáo cán bộ, công chức: cấp tỉnh"})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
