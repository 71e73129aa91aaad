"""Root URLs. Each domain app owns its prefix and namespace."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from danvan.portal import views as portal_views

admin.site.site_header = _("Quản trị Dân Vận")
admin.site.site_title = "Dân Vận"
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path("", include("danvan.portal.urls")),
    path("accounts/", include("danvan.accounts.urls")),
    path("petitions/", include("danvan.petitions.urls")),
    path("engagement/", include("danvan.engagement.urls")),
    path("exemplars/", include("danvan.exemplars.urls")),
    path("reporting/", include("danvan.reporting.urls")),
    path("press/", include("danvan.press.urls")),
    path("democracy/", include("danvan.democracy.urls")),
    path("notifications/", include("danvan.notifications.urls")),
    path("situation/", include("danvan.situation.urls")),
    path("territory/", include("danvan.territory.urls")),
    path("", include("danvan.api.urls")),
    path("security/", include("danvan.security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = portal_views.error_404
handler403 = portal_views.error_403
handler500 = portal_views.error_500
