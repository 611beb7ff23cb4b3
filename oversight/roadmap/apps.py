from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "oversight.roadmap"
    label = "roadmap"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Joint Planning Board and roadmap"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (NavItem("Roadmap", "roadmap:matrix", "roadmap.view", order=60),)
