from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    name = "oversight.sitepages"
    label = "sitepages"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Site pages",
                "sitepages_edit:index",
                "sitepages.edit",
                order=98,
                section="Publishing",
            ),
        )

    def ready(self) -> None:
        from oversight.core.caching import add_site_state
        from oversight.sitepages.schedule import page_state

        # Every public page's footer says when the next publication is due, which moves with
        # the meetings calendar and the day: a kept page must be drawn again when it does.
        add_site_state(page_state)
