from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "oversight.accountability"
    label = "accountability"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Accountability record",
                "accountability:index",
                "meetings.view",
                order=93,
                section="Publishing",
            ),
        )
