"""URLs of the data app."""

from django.urls import path  # noqa: F401

app_name = "data"
urlpatterns: list = []
