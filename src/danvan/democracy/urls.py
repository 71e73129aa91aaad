from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.democracy import views

app_name = "democracy"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("thon/", views.villages, name="villages"),
    path("thon/them/", views.village_add, name="village-add"),
    path("thon/<int:pk>/", views.village, name="village"),
    path("ho/them/", views.household_add, name="household-add"),
    path("nhap-tep/", views.import_view, name="import"),
    path("nhap-tep/<int:pk>/", views.import_job, name="import-job"),
    path("cong-khai/", views.disclosures, name="disclosures"),
    path("cong-khai/moi/", views.disclosure_new, name="disclosure-new"),
    path("cong-khai/tuan-thu/", views.compliance, name="compliance"),
    path("cong-khai/<int:pk>/", views.disclosure, name="disclosure"),
    path("cong-khai/<int:pk>/<slug:action>/", views.disclosure_act, name="disclosure-act"),
    path("cong-khai/tep/<int:pk>/", views.disclosure_file, name="disclosure-file"),
    path("lay-y-kien/", views.consultations, name="consultations"),
    path("lay-y-kien/moi/", views.consultation_new, name="consultation-new"),
    path("lay-y-kien/<int:pk>/", views.consultation, name="consultation"),
    path("lay-y-kien/<int:pk>/<slug:action>/", views.consultation_act, name="consultation-act"),
    path("quyet-dinh/", views.decisions, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("quyet-dinh/<int:pk>/dong-gop/", views.contribution_add, name="contribution-add"),
    path("quyet-dinh/<int:pk>/<slug:action>/", views.decision_act, name="decision-act"),
    path("huong-uoc/", views.conventions, name="conventions"),
    path("huong-uoc/<int:pk>/", views.convention, name="convention"),
    path("huong-uoc/<int:pk>/<slug:action>/", views.convention_act, name="convention-act"),
    path("giam-sat/", views.boards, name="boards"),
    path("giam-sat/<int:pk>/", views.board, name="board"),
    path("kien-nghi/<int:pk>/", views.recommendation, name="recommendation"),
    path("kien-nghi/<int:pk>/<slug:action>/", views.recommendation_act, name="recommendation-act"),
    path("co-quan/", views.workplaces, name="workplaces"),
    path("co-quan/tuan-thu/", views.workplace_compliance, name="workplace-compliance"),
    path("co-quan/<int:pk>/", views.workplace, name="workplace"),
    path("hoi-nghi/<int:pk>/", views.meeting, name="meeting"),
    path("hoi-nghi/<int:pk>/<slug:action>/", views.meeting_act, name="meeting-act"),
    path("xa/<str:code>/lay-y-kien/", views.public_consultations, name="public-consultations"),
    path("gop-y/<int:pk>/", views.public_consultation, name="public-consultation"),
    path("xa/<str:code>/cong-khai/", views.public_commune, name="public"),
    path("xa/tep/<int:pk>/", views.public_file, name="public-file"),
]
