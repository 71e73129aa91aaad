from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.petitions import answer_views, views, views_messages

app_name = "petitions"
urlpatterns: list[URLPattern | URLResolver] = [
    path("gui-don/", views.submit, name="submit"),
    path("bien-nhan/<str:code>/", views.receipt, name="receipt"),
    path("bien-nhan/<str:code>/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("tra-cuu/", views.track, name="track"),
    path("tra-cuu/<str:code>/danh-gia/", views.rate, name="rate"),
    path("tra-cuu/<str:code>/trao-doi/", views_messages.thread, name="thread"),
    path("tra-cuu/<str:code>/trao-doi/tra-loi/", views_messages.reply, name="reply"),
    path("tra-cuu/<str:code>/trao-doi/tep/<str:token>/", views_messages.document, name="thread_document"),
    path("", views.officer_list, name="list"),
    path("xuat.csv", views.export_csv, name="export"),
    path("hang-loat/", views.bulk, name="bulk"),
    path("tiep-nhan/", views.desk, name="desk"),
    path("nhap-tep/", views.import_view, name="import"),
    path("nhap-tep/<int:pk>/", views.import_job, name="import_job"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/xem-truoc-tra-loi/", views.answer_preview, name="answer_preview"),
    path("<int:pk>/mau-tra-loi/", answer_views.fill, name="answer_fill"),
    path("<int:pk>/tra-loi-nhom/", answer_views.answer_group, name="answer_group"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
]
