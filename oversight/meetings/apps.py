from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "oversight.meetings"
    label = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem("Reporting cycle", "meetings:cycles", "meetings.view", order=40),
            NavItem("Actions", "meetings:actions", "meetings.view", order=45),
        )
