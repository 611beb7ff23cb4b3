"""Where a theme's narrative findings come from: one function the thematic programme can redirect.

For now the findings are the latest :class:`ThemeNarrative` of the theme. When the thematic
review programme (``oversight/themes/``) keeps its own records, change :func:`theme_findings`
to read them; the pages and packs call nothing else.
"""

from __future__ import annotations

from oversight.plans.models import Theme
from oversight.reports.models import ThemeNarrative


def theme_findings(theme: Theme) -> tuple[str, str]:
    """Return the theme's findings and recommendations; empty if none.

    They come from the latest thematic review of the theme with drafted findings (the one for
    the latest Board), falling back to the theme's latest narrative when no review has any.
    """
    from django.db.models import F

    from oversight.themes.models import ThematicReview

    S = ThematicReview.Status
    review = (
        ThematicReview.objects.filter(
            theme=theme,
            status__in=(S.FINDINGS_DRAFTED, S.RIGOUR_TESTED, S.PRESENTED, S.ACTIONS, S.CLOSED),
        )
        .exclude(findings="")
        .order_by(F("board_date").desc(nulls_last=True), "-updated_at", "-pk")
        .first()
    )
    if review is not None:
        return review.findings, review.recommendations
    narrative = ThemeNarrative.objects.filter(theme=theme).first()
    if narrative is None:
        return "", ""
    return narrative.findings, narrative.recommendations
