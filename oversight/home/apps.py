from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "oversight.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (NavItem("Home", "home:home", "signed-in", order=5),)
