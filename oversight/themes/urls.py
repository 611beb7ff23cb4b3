"""URLs of the themes app: the thematic programme, reviews, concerns and partners' follow-ups."""

from django.urls import path

from oversight.themes import views

app_name = "themes"
urlpatterns = [
    path("", views.programme, name="programme"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/schedule/", views.review_schedule, name="review_schedule"),
    path("reviews/<int:pk>/urgent/", views.review_urgent, name="review_urgent"),
    path("reviews/<int:pk>/findings/", views.review_findings, name="review_findings"),
    path("reviews/<int:pk>/rigour/", views.review_rigour, name="review_rigour"),
    path("reviews/<int:pk>/step/", views.review_transition, name="review_transition"),
    path("reviews/<int:pk>/actions/", views.review_action, name="review_action"),
    path("concerns/", views.concerns, name="concerns"),
    path("concerns/new/", views.concern_new, name="concern_new"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern"),
    path("concerns/<int:pk>/status/", views.concern_status, name="concern_status"),
    path("concerns/<int:pk>/follow-ups/", views.concern_follow_up, name="concern_follow_up"),
    path("concerns/<int:pk>/propose/", views.concern_propose, name="concern_propose"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_detail, name="follow_up"),
]
