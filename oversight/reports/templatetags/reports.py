"""Template helpers of the reports app: the SPC icons (from core's ``spc`` library) and the
pack's filters."""

from __future__ import annotations

from django import template

from oversight.core.templatetags.spc import assurance_icon, variation_icon

register = template.Library()
register.simple_tag(variation_icon, name="variation_icon")
register.simple_tag(assurance_icon, name="assurance_icon")


@register.filter
def action_state(board: object, state: str) -> list:
    """Return a Board section's actions in one state ("overdue", "due", "open", "closed")."""
    return board.actions_in(state)  # type: ignore[attr-defined]
