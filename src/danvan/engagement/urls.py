from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.engagement import views

app_name = "engagement"
urlpatterns: list[URLPattern | URLResolver] = [
    # citizens
    path("doi-thoai/", views.public_dialogues, name="public_dialogues"),
    path("doi-thoai/xa/<str:code>/", views.public_commune, name="public_commune"),
    path("doi-thoai/<int:pk>/", views.public_dialogue, name="public_dialogue"),
    # officers: reception
    path("receptions/", views.reception_list, name="reception_list"),
    path("receptions/bulk/", views.reception_bulk, name="reception_bulk"),
    path("receptions/new/", views.reception_create, name="reception_create"),
    path("receptions/<int:pk>/", views.reception_detail, name="reception_detail"),
    path("receptions/<int:pk>/citizens/", views.reception_add_citizen, name="reception_add_citizen"),
    path("receptions/<int:pk>/identities/", views.reception_identities, name="reception_identities"),
    path("receptions/<int:pk>/matters/", views.reception_add_matter, name="reception_add_matter"),
    path("matters/<int:pk>/petition/", views.matter_to_petition, name="matter_to_petition"),
    path("schedules/", views.schedule_list, name="schedule_list"),
    path("compliance/", views.compliance, name="compliance"),
    # officers: dialogues
    path("dialogues/", views.dialogue_list, name="dialogue_list"),
    path("dialogues/bulk/", views.dialogue_bulk, name="dialogue_bulk"),
    path("dialogues/new/", views.dialogue_create, name="dialogue_create"),
    path("dialogues/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("dialogues/<int:pk>/edit/", views.dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/<slug:action>/", views.dialogue_act, name="dialogue_act"),
    path("questions/<int:pk>/identity/", views.question_identity, name="question_identity"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/bulk/", views.commitment_bulk, name="commitment_bulk"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/<slug:action>/", views.commitment_act, name="commitment_act"),
    path("coverage/", views.coverage, name="coverage"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
]
