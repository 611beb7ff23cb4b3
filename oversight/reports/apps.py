from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "oversight.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Overview", "reports:overview", "performance.view", order=20, section="Performance"
            ),
            NavItem(
                "Themes", "reports:themes", "performance.view", order=25, section="Performance"
            ),
        )
