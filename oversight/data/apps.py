from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "oversight.data"
    label = "data"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (NavItem("Data", "data:index", "data.view", order=50),)
