from __future__ import annotations

from django.urls import path

from danvan.territory import views

app_name = "territory"

urlpatterns = [
    path("don-vi/", views.unit_search, name="unit-search"),
    path("moi-don-vi/", views.any_unit_search, name="any-unit-search"),
    path("thon/", views.village_search, name="village-search"),
]
