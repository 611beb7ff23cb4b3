from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "oversight.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (NavItem("Plan", "plans:home", "plan.view", order=10),)
