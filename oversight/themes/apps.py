from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "oversight.themes"
    label = "themes"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem("Thematic programme", "themes:programme", "themes.view", order=35),
            # Partners reach their own follow-ups here; internal roles the whole register.
            NavItem(
                "Concerns",
                "themes:concerns",
                ("themes.concerns.view", "themes.followups.update"),
                order=36,
            ),
        )
