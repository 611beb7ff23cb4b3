"""URLs of the peers app: the comparison page."""

from django.urls import path

from oversight.peers import views

app_name = "peers"
urlpatterns = [
    path("", views.compare, name="compare"),
]
