"""The public site and the Panel's view."""

from django.urls import path

from oversight.publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.index, name="index"),
    path("performance/<int:pk>/", views.snapshot_overview, name="overview"),
    path("performance/<int:pk>/open-data.csv", views.open_data, name="open_data"),
    path("panel/", views.panel, name="panel"),
]
