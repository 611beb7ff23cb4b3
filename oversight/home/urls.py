"""URLs of the home app: the home page and what a person does with their notifications."""

from django.urls import path

from oversight.home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/read/", views.mark_read, name="mark_read"),
    path("notifications/delivery/", views.delivery, name="delivery"),
]
