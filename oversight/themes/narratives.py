"""A theme's narrative: where its findings come from, and writing one (atomic and audited).

The findings a drill-down shows are those of the latest thematic review of the theme with
drafted findings, else the theme's latest narrative. What the Board was shown is frozen into
the snapshot when it is presented (``presenting`` below, connected in ``ThemesConfig.ready``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.plans.models import Theme
from oversight.themes.models import ThematicReview, ThemeNarrative


def theme_findings(theme: Theme) -> tuple[str, str]:
    """Return the theme's findings and recommendations; empty if none.

    They come from the latest thematic review of the theme with drafted findings (the one for
    the latest Board), falling back to the theme's latest narrative when no review has any.
    """
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


@transaction.atomic
def save_theme_narrative(
    *,
    theme: Theme,
    findings: str,
    recommendations: str = "",
    by: User,
    snapshot: object | None = None,
) -> ThemeNarrative:
    """Record a theme's narrative findings and recommendations (a new version) and audit it."""
    if not (by.can(Permission.WRITE_COMMENTARY) or by.can(Permission.WRITE_SCRUTINY)):
        raise PermissionDenied("Your role may not write theme narratives.")
    findings = findings.strip()
    if not findings:
        raise ValidationError("A narrative needs its findings.")
    before = ThemeNarrative.objects.filter(theme=theme).first()
    narrative = ThemeNarrative.objects.create(
        theme=theme,
        snapshot=snapshot,
        findings=findings,
        recommendations=recommendations.strip(),
        by=by,
    )
    fields = ["theme_id", "snapshot_id", "findings", "recommendations"]
    audit.record(
        by=by,
        action="reports.theme_narrative.save",
        obj=narrative,
        before=audit.state_of(before, fields) if before else None,
        after=audit.state_of(narrative, fields),
    )
    return narrative


def findings_for_the_record(*, snapshot: object, **_: object) -> list[dict[str, object]]:
    """Return each theme's findings as the Board is shown them, for the snapshot's record."""
    from django.utils import timezone

    slugs = [t["slug"] for t in getattr(snapshot, "context", {}).get("themes", [])]
    notes: list[dict[str, object]] = []
    for theme in Theme.objects.filter(slug__in=slugs).order_by("order", "slug"):
        findings, recommendations = theme_findings(theme)
        if findings:
            notes.append(
                {
                    "kind": "theme_findings",
                    "theme_slug": theme.slug,
                    "text": findings,
                    "recommendations": recommendations,
                    "at": timezone.now(),
                    "source": f"theme {theme.slug}",
                }
            )
    return notes
