"""The public's page of the Panel's questions, under /public/questions/."""

from django.urls import path

from oversight.questions import views

app_name = "public_questions"
urlpatterns = [
    path("", views.public_index, name="index"),
]
