"""The accountability record as the two teams keep it, under /accountability/."""

from django.urls import path

from oversight.publishing import record_views as views

app_name = "accountability"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/<int:pk>/", views.detail, name="detail"),
    path("<str:kind>/<int:pk>/verdict/", views.verdict, name="verdict"),
    path("review/<int:pk>/response/", views.response, name="response"),
]
