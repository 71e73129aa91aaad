"""The petition fields (lĩnh vực): code → Vietnamese name, the classifier's label set.

The codes are the ones of the ``petitions.Field`` rows and of ``data/fields_labelled.csv``; the
training-data generator (``danvan_devtools.datagen``) writes its labels from this table.
"""

from __future__ import annotations

FIELD_NAMES: dict[str, str] = {
    "dat_dai": "Đất đai",
    "nha_o": "Nhà ở",
    "moi_truong": "Môi trường",
    "chinh_sach_xa_hoi": "Chính sách xã hội",
    "y_te": "Y tế",
    "giao_duc": "Giáo dục",
    "ha_tang_giao_thong": "Hạ tầng, giao thông",
    "an_ninh_trat_tu": "An ninh trật tự",
    "can_bo_cong_chuc": "Cán bộ, công chức",
    "khac": "Khác",
}
FIELD_CODES: tuple[str, ...] = tuple(FIELD_NAMES)
