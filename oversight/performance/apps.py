from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "oversight.performance"
    label = "performance"
    default_auto_field = "django.db.models.BigAutoField"
