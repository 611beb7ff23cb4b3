from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "oversight.data"
    label = "data"
    default_auto_field = "django.db.models.BigAutoField"
