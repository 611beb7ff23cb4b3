from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "oversight.roadmap"
    label = "roadmap"
    default_auto_field = "django.db.models.BigAutoField"
