"""The Commissioner's team's pages for writing the site pages, under /site-pages/."""

from django.urls import path

from oversight.sitepages import views

app_name = "sitepages_edit"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:kind>/", views.edit, name="edit"),
]
