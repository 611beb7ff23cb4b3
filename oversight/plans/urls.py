"""The plan: home page, a page per measure, and the Welsh texts with a form per item."""

from django.urls import path

from oversight.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("plan/measures/<str:code>/", views.measure_detail, name="measure"),
    path("plan/welsh/", views.welsh_texts, name="welsh"),
    path("plan/welsh/<str:kind>/<str:code>/", views.welsh_edit, name="welsh_edit"),
]
