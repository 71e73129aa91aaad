from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.reporting import views

app_name = "reporting"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<str:code>/records/", views.indicator_records, name="indicator_records"),
    path("figures.<str:fmt>", views.figures_export, name="figures_export"),
    path("figures/enter/", views.figure_entry, name="figure_entry"),
    path("targets/", views.target_set, name="target_set"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/<int:pk>/", views.period_edit, name="period_edit"),
    path("periods/<int:pk>/close/", views.period_close, name="period_close"),
    path("themes/new/", views.theme_edit, name="theme_new"),
    path("themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/bulk/", views.report_bulk, name="report_bulk"),
    path("reports/start/", views.report_start, name="report_start"),
    path("reports/compile/", views.report_compile, name="report_compile"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/submit/", views.report_act, {"action": "submit"}, name="report_submit"),
    path("reports/<int:pk>/accept/", views.report_act, {"action": "accept"}, name="report_accept"),
    path("reports/<int:pk>/return/", views.report_act, {"action": "return_report"}, name="report_return"),
    path("reports/<int:pk>/act/<slug:action>/", views.report_act, name="report_act"),
    path("reports/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("reports/<int:pk>/docx/", views.report_docx_start, name="report_docx_start"),
    path("reports/docx/<int:pk>/", views.report_docx_job, name="report_docx_job"),
    path("reports/docx/<int:pk>/download/", views.report_docx_download, name="report_docx_download"),
    path("conferences/", views.conference_list, name="conference_list"),
    path("conferences/new/", views.conference_new, name="conference_new"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/bulk/", views.task_bulk, name="task_bulk"),
    path("tasks/<int:pk>/done/", views.task_act, {"action": "complete_task"}, name="task_done"),
]
