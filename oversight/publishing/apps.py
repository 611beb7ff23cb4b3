from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "oversight.publishing"
    label = "publishing"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem("Public site", "publishing:index", None, order=92, section="Publishing"),
            NavItem(
                "Panel", "publishing:panel", "publishing.panel", order=93, section="Publishing"
            ),
            NavItem(
                "Requests and papers",
                "publications:list",
                "publishing.publish",
                order=94,
                section="Publishing",
            ),
        )
