import datetime as dt

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "oversight.meetings"
    label = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Reporting cycle", "meetings:cycles", "meetings.view", order=40, section="Meetings"
            ),
            NavItem("Actions", "meetings:actions", "meetings.view", order=45, section="Meetings"),
        )

    def notify_by_date(self, today: dt.date) -> dict[str, int]:
        """Notify steps due tomorrow and actions due soon or overdue (notifications.sources)."""
        from oversight.meetings.reminders import remind

        return remind(today)
