"""The public site's own pages, under /public/ beside the publications."""

from django.urls import path

from oversight.sitepages import views
from oversight.sitepages.models import Kind

app_name = "sitepages"
urlpatterns = [
    *(path(f"{kind.value}/", views.page, {"kind": kind.value}, name=kind.value) for kind in Kind),
    path("roadmap/terms/", views.terms, name="terms"),
    path("brand.css", views.brand_css, name="brand_css"),
]
