from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from danvan.accounts.models import Organisation, RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = (RoleInline,)
    list_display = ("username", "full_name", "title", "is_demo", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Dân Vận", {"fields": ("full_name", "title", "is_demo")}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "kind", "unit", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("name",)
    autocomplete_fields = ("unit",)
