from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.accounts import views
from danvan.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("bo-loc/", views.save_filter, name="save_filter"),
    path("bo-loc/<int:pk>/xoa/", views.delete_filter, name="delete_filter"),
]
