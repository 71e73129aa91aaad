from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.press import views

app_name = "press"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.event_list, name="event_list"),
    path("events/bulk/", views.event_bulk, name="event_bulk"),
    path("upload/", views.upload, name="upload"),
    path("upload/<int:pk>/", views.ingest_job, name="ingest_job"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/conference/", views.make_conference, name="make_conference"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("provinces/", views.province_list, name="province_list"),
    path("provinces/<str:code>/", views.province_timeline, name="province_timeline"),
]
