from __future__ import annotations

from django.contrib import admin

from danvan.territory.models import AdminUnit, LegacyProvince, Village


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin[AdminUnit]):
    list_display = ("code", "name", "level", "path")
    list_filter = ("level",)
    search_fields = ("code", "name", "folded_name")
    readonly_fields = ("path",)


@admin.register(LegacyProvince)
class LegacyProvinceAdmin(admin.ModelAdmin[LegacyProvince]):
    list_display = ("code", "name", "current")
    search_fields = ("name", "folded_name")


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin[Village]):
    list_display = ("code", "name", "kind", "unit")
    search_fields = ("code", "name", "folded_name")
    raw_id_fields = ("unit",)
