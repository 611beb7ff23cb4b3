"""URLs of the data app: coverage, import history, batches, the values upload and template."""

from django.urls import path

from oversight.data import views

app_name = "data"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("police-uk/", views.police_upload, name="police_upload"),
    path("police-uk/<int:pk>/", views.police_upload_detail, name="police_upload_detail"),
    path("template.<str:fmt>", views.template, name="template"),
    path("batches/<str:kind>/<int:pk>/", views.batch, name="batch"),
    path("findings/<int:pk>/", views.finding, name="finding"),
]
