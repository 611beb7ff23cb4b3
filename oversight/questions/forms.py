"""Forms of the questions pages; they parse and check input, the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.accounts.models import User
from oversight.questions import pins
from oversight.questions.models import Question
from oversight.questions.services import MAX_TEXT, assignees


class AskForm(forms.Form):
    """The Panel's question, asked in English or Welsh (its words are the page's language)."""

    kind = forms.ChoiceField(
        label=_("What are you asking for?"),
        choices=[(k.value, _(k.label)) for k in Question.Kind],
        initial=Question.Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    pin = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_(
            "A figure, theme or roadmap activity of the latest publication, or a paper "
            "released to the Panel."
        ),
    )
    text = forms.CharField(
        label=_("Your question or request"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: object, extra_pin: pins.Pinned | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)
        groups = pins.choices(pins.latest_publication())
        # A pin given in the link (an earlier publication's figure, say) is offered too.
        if extra_pin is not None and not any(
            token == extra_pin.token for _, options in groups for token, _ in options
        ):
            groups.insert(0, (_("What you chose"), [(extra_pin.token, extra_pin.label)]))
        self.fields["pin"].choices = [("", _("Choose what your question is about")), *groups]

    @property
    def has_pins(self) -> bool:
        return len(self.fields["pin"].choices) > 1


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Who answers it",
        queryset=User.objects.none(),
        empty_label="Choose someone of either team",
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees()
        self.fields["assignee"].label_from_instance = lambda u: (
            f"{u.display_name} ({u.get_role_display()})"
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="The answer",
        max_length=MAX_TEXT * 2,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Saved as a draft: the Panel sees it only when it is released.",
    )


class ReleaseForm(forms.Form):
    public = forms.BooleanField(
        label="Publish the question and its answer on the public site as well",
        required=False,
        help_text="The public page names no one: it says “a Panel member”.",
    )
