from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "oversight.peers"
    label = "peers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oversight.peers import receivers  # noqa: F401 -- connects its receiver

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "How we compare",
                "peers:compare",
                "performance.view",
                order=35,
                section="Performance",
            ),
        )
