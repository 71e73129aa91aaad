from __future__ import annotations

from django.urls import path

from danvan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("tuy-chon/", views.my_preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("letters/<int:pk>/<slug:kind>.docx", views.letter, name="letter"),
    path("letters/<int:pk>/<slug:kind>.pdf", views.letter, {"fmt": "pdf"}, name="letter_pdf"),
]
