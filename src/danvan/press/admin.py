"""Theo dõi báo chí: read-only admin (writes go through the services, which audit them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.press.models import Appearance, Article, Event, Person


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("id", "title", "outlet", "site", "published_date", "ingested_at", "is_demo")
    search_fields = ("title", "filename", "source_url", "fingerprint")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("id", "title", "type", "date", "province", "period_year", "period_half", "online")
    list_filter = ("type", "online", "scope")
    search_fields = ("search_text",)


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("name", "folded_name")
    search_fields = ("folded_name",)


@admin.register(Appearance)
class AppearanceAdmin(ReadOnlyAdmin):
    list_display = ("person", "event", "is_chair")
