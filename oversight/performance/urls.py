"""URLs of the performance app."""

from django.urls import path

from oversight.performance import views

app_name = "performance"
urlpatterns = [
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/assess/", views.assess, name="assess"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("snapshots/<int:pk>/present/", views.present, name="present"),
    path("snapshots/<int:pk>/discard/", views.discard, name="discard"),
    path("assessments/<int:pk>/override/", views.override, name="override"),
]
