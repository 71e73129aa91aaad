from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from danvan.exemplars import views

app_name = "exemplars"
urlpatterns: list[URLPattern | URLResolver] = [
    # public
    path("", views.gallery, name="gallery"),
    path("m/<int:pk>/", views.public_detail, name="public_detail"),
    path("files/<int:pk>/", views.file, name="file"),
    path("hoi-thi/<int:pk>/", views.contest_public, name="contest_public"),
    # officers
    path("registry/", views.officer_list, name="list"),
    path("registry/bulk/", views.bulk, name="bulk"),
    path("registry/new/", views.create, name="create"),
    path("registry/check-duplicates/", views.check_duplicates, name="check_duplicates"),
    path("registry/<int:pk>/", views.detail, name="detail"),
    path("registry/<int:pk>/edit/", views.edit, name="edit"),
    path("registry/<int:pk>/score/", views.score, name="score"),
    path("registry/<int:pk>/replicate/", views.replicate, name="replicate"),
    # the record's actions (one ActionTable): the old names stay for links and tests
    path("registry/<int:pk>/submit/", views.act, {"action": "submit"}, name="submit"),
    path("registry/<int:pk>/return/", views.act, {"action": "return_to_draft"}, name="return_to_draft"),
    path("registry/<int:pk>/evaluation/", views.act, {"action": "open_evaluation"}, name="open_evaluation"),
    path("registry/<int:pk>/recognise/", views.act, {"action": "recognise"}, name="recognise"),
    path("registry/<int:pk>/refuse/", views.act, {"action": "refuse"}, name="refuse"),
    path("registry/<int:pk>/retire/", views.act, {"action": "retire"}, name="retire"),
    path("registry/<int:pk>/files/", views.act, {"action": "attach"}, name="add_files"),
    path("registry/<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("criteria/", views.criteria, name="criteria"),
    path("figures/", views.figures, name="figures"),
    path("contests/", views.contest_list, name="contest_list"),
    path("contests/<int:pk>/", views.contest_detail, name="contest_detail"),
    path("contests/<int:pk>/judges/", views.contest_act, {"action": "add_judge"}, name="contest_add_judge"),
    path("contests/<int:pk>/entries/", views.contest_act, {"action": "add_entry"}, name="contest_add_entry"),
    path("contests/<int:pk>/entries/<int:entry_pk>/score/", views.contest_score, name="contest_score"),
    path(
        "contests/<int:pk>/publish/", views.contest_act, {"action": "publish_contest"}, name="contest_publish"
    ),
    path("contests/<int:pk>/act/<slug:action>/", views.contest_act, name="contest_act"),
]
