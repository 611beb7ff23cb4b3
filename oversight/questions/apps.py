import datetime as dt

from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "oversight.questions"
    label = "questions"
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_items(self) -> tuple:
        from oversight.core.navigation import NavItem

        return (
            NavItem(
                "Ask a question",
                "public_questions:ask",
                "questions.ask",
                order=95,
                section="Publishing",
            ),
            NavItem(
                "Panel questions",
                "questions:register",
                "questions.answer",
                order=96,
                section="Publishing",
            ),
            NavItem(
                "Answers to the Panel",
                "public_questions:index",
                None,
                order=97,
                section="Publishing",
            ),
        )

    def notify_by_date(self, today: dt.date) -> dict[str, int]:
        """Notify who answers each question that has become overdue (notifications.sources)."""
        from oversight.questions.reminders import remind_overdue

        return remind_overdue(today=today)

    def agenda_for(self, meeting: object, today: dt.date) -> list:
        """The next JPMG's item of overdue Panel questions (meetings.generated)."""
        from oversight.questions.agenda import agenda_for

        return agenda_for(meeting, today)  # type: ignore[arg-type]
