"""URLs of the reports app: performance pages and Strategic Board pack downloads."""

from django.urls import path

from oversight.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("measures/<str:code>/", views.measure, name="measure"),
    path("themes/", views.themes, name="themes"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("snapshots/<int:pk>/", views.snapshot, name="snapshot"),
    path("snapshots/<int:pk>/pack.<str:fmt>", views.pack, name="pack"),
]
