from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "oversight.performance"
    label = "performance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oversight.performance import drafts  # noqa: F401 -- connects its receiver

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Snapshots",
                "performance:snapshots",
                "performance.view",
                order=30,
                section="Performance",
            ),
        )
