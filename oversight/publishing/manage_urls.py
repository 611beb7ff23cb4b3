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
    path("papers/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
