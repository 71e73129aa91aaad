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
    path("dialogues/new/", views.dialogue_create, name="dialogue_create"),
    path("dialogues/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("dialogues/<int:pk>/edit/", views.dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/announce/", views.dialogue_announce, name="dialogue_announce"),
    path("dialogues/<int:pk>/hold/", views.dialogue_hold, name="dialogue_hold"),
    path("dialogues/<int:pk>/publish/", views.dialogue_publish, name="dialogue_publish"),
    path("dialogues/<int:pk>/cancel/", views.dialogue_cancel, name="dialogue_cancel"),
    path("dialogues/<int:pk>/questions/", views.dialogue_add_question, name="dialogue_add_question"),
    path("dialogues/<int:pk>/commitments/", views.commitment_create, name="commitment_create"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("questions/<int:pk>/identity/", views.question_identity, name="question_identity"),
    path("questions/<int:pk>/petition/", views.question_to_petition, name="question_to_petition"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("coverage/", views.coverage, name="coverage"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
]
