from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "oversight.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The analysis modules' sentences come out of the same Welsh catalogue as the rest.
        from django.utils.translation import get_language, gettext

        from oversight.analysis import language

        language.install(gettext, get_language)
