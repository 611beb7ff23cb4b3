"""Under /public/questions/: the public's page of the Panel's questions, and the Panel's to ask.

Both are in English and (/cy/…) in Welsh; asking needs a Panel member's sign-in.
"""

from django.urls import path

from oversight.questions import views

app_name = "public_questions"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("ask/", views.ask, name="ask"),
]
