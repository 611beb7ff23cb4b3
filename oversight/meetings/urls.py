"""URLs of the meetings app: the reporting cycle, meetings, actions and calendar feeds."""

from django.urls import path, re_path

from oversight.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.cycles, name="cycles"),
    path("cycles/plan/", views.plan_cycles, name="plan"),
    path("cycles/<str:csb>/", views.cycle_detail, name="cycle"),
    path("steps/<int:pk>/status/", views.step_status, name="step_status"),
    path("steps/<int:pk>/date/", views.step_date, name="step_date"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendees/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/escalations/propose/", views.escalations_propose, name="propose"),
    path("<int:pk>/escalations/", views.escalation_raise, name="escalation_raise"),
    path("<int:pk>/reviews/", views.review_add, name="review_add"),
    path("escalations/<int:pk>/decide/", views.escalation_decide, name="escalation_decide"),
    path("escalations/<int:pk>/respond/", views.escalation_respond, name="escalation_respond"),
    path("actions/", views.actions, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_edit, name="action_edit"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/issue/", views.calendar_issue, name="calendar_issue"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    re_path(r"^calendar/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.feed, name="feed"),
]
