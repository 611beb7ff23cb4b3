"""`{% panel_questions %}`: the Panel's questions on the Panel's page (publishing's panel.html).

The Panel's page belongs to the publishing app, below this one; it shows the questions by
including ``questions/_panel.html``, which loads this tag, so publishing imports nothing here.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from oversight.accounts.permissions import Permission
from oversight.questions.presenters import for_panel

register = template.Library()


@register.inclusion_tag("questions/_panel_questions.html", takes_context=True)
def panel_questions(context: template.Context) -> dict[str, Any]:
    """Return the signed-in member's questions and the answers released to the Panel."""
    user = context["request"].user
    return {
        "questions": for_panel(user, timezone.localdate()),
        "can_ask": user.can(Permission.ASK_QUESTIONS),
    }
