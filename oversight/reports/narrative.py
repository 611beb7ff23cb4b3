"""Where a theme's narrative findings come from: one function the thematic programme can redirect.

For now the findings are the latest :class:`ThemeNarrative` of the theme. When the thematic
review programme (``oversight/themes/``) keeps its own records, change :func:`theme_findings`
to read them; the pages and packs call nothing else.
"""

from __future__ import annotations

from oversight.plans.models import Theme
from oversight.reports.models import ThemeNarrative


def theme_findings(theme: Theme) -> tuple[str, str]:
    """Return the theme's latest narrative as (findings, recommendations); empty if none."""
    narrative = ThemeNarrative.objects.filter(theme=theme).first()
    if narrative is None:
        return "", ""
    return narrative.findings, narrative.recommendations
