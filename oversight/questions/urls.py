"""URLs of the Panel's questions: the Panel asks; the Commissioner's team answers."""

from django.urls import path

from oversight.questions import views

app_name = "questions"
urlpatterns = [
    path("", views.register, name="register"),
    path("ask/", views.ask_moved, name="ask"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/release/", views.release, name="release"),
]
