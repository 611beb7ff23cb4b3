from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "oversight.meetings"
    label = "meetings"
    default_auto_field = "django.db.models.BigAutoField"
