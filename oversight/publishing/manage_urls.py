"""The Commissioner's team's publishing pages, under /publications/."""

from django.urls import path

from oversight.publishing import manage_views as views

app_name = "publications"
urlpatterns = [
    path("", views.publications, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/approve/", views.decide, {"decision": "approve"}, name="approve"),
    path("<int:pk>/reject/", views.decide, {"decision": "reject"}, name="reject"),
    path("papers/", views.papers, name="papers"),
    path("<int:pk>/panel-paper/", views.make_paper, name="panel_paper"),
    path("papers/<int:pk>/release/", views.release, name="release"),
    path("papers/<int:pk>/file/", views.paper_file, name="paper_file"),
    path("papers/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
