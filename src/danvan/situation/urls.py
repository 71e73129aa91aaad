from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.situation import views

app_name = "situation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("bao-cao/", views.reports, name="reports"),
    path("bao-cao/hang-loat/", views.report_bulk, name="report-bulk"),
    path("bao-cao/moi/", views.report_new, name="report-new"),
    path("bao-cao/lich/", views.schedule_set, name="schedule"),
    path("bao-cao/<int:pk>/", views.report, name="report"),
    path("bao-cao/<int:pk>/<slug:action>/", views.report_act, name="report-act"),
    path("so-theo-doi/", views.ledger, name="ledger"),
    path("so-theo-doi/tin-hieu/", views.ledger_detail, name="ledger-detail"),
    path("canh-bao/", views.alerts, name="alerts"),
    path("canh-bao/nguong/", views.thresholds, name="thresholds"),
    path("canh-bao/<int:pk>/", views.alert, name="alert"),
    path("canh-bao/<int:pk>/<slug:action>/", views.alert_act, name="alert-act"),
    path("diem-nong/", views.hotspots, name="hotspots"),
    path("diem-nong/hang-loat/", views.hotspot_bulk, name="hotspot-bulk"),
    path("diem-nong/moi/", views.hotspot_new, name="hotspot-new"),
    path("diem-nong/<int:pk>/", views.hotspot, name="hotspot"),
    path("diem-nong/<int:pk>/<slug:action>/", views.hotspot_act, name="hotspot-act"),
    path("tham-do/", views.polls, name="polls"),
    path("tham-do/moi/", views.poll_new, name="poll-new"),
    path("tham-do/<int:pk>/", views.poll, name="poll"),
    path("tham-do/<int:pk>/tra-loi/", views.poll_answer, name="poll-answer"),
    path("tham-do/<int:pk>/<slug:action>/", views.poll_act, name="poll-act"),
    path("y-kien/<str:key>/", views.public_poll, name="public-poll"),
    path("ban-tin/", views.briefs, name="briefs"),
    path("ban-tin/<int:pk>/", views.brief, name="brief"),
    path("ban-tin/<int:pk>/docx/", views.brief_docx, name="brief-docx"),
    path("ban-tin/<int:pk>/<slug:action>/", views.brief_act, name="brief-act"),
]
