from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "oversight.themes"
    label = "themes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oversight.performance.signals import snapshot_presenting
        from oversight.themes.narratives import findings_for_the_record

        # A presented snapshot freezes each theme's findings as the Board saw them.
        snapshot_presenting.connect(findings_for_the_record, dispatch_uid="themes-findings")

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Thematic programme",
                "themes:programme",
                "themes.view",
                order=35,
                section="Programme",
            ),
            # Partners reach their own follow-ups here; internal roles the whole register.
            NavItem(
                "Concerns",
                "themes:concerns",
                ("themes.concerns.view", "themes.followups.update"),
                order=36,
                section="Programme",
            ),
        )
