from __future__ import annotations

from django.contrib import admin

from danvan.exemplars.models import Contest, CriteriaSet, Criterion, Exemplar, ExemplarResult


class ResultInline(admin.TabularInline[ExemplarResult, Exemplar]):
    model = ExemplarResult
    extra = 0


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin[Exemplar]):
    list_display = ("name", "kind", "field", "unit", "status", "registered_on")
    list_filter = ("status", "field", "kind")
    search_fields = ("name", "search_text")
    raw_id_fields = ("unit", "created_by")
    readonly_fields = ("status", "search_text", "folded_name", "version")
    inlines = [ResultInline]


class CriterionInline(admin.TabularInline[Criterion, CriteriaSet]):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin[CriteriaSet]):
    list_display = ("name", "unit", "year", "pass_percent")
    raw_id_fields = ("unit",)
    inlines = [CriterionInline]


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin[Contest]):
    list_display = ("name", "unit", "year", "status")
    raw_id_fields = ("unit",)
