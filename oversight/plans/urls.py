"""The plan: home page, and a page per measure."""

from django.urls import path

from oversight.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("plan/measures/<str:code>/", views.measure_detail, name="measure"),
]
