"""Where each text a publication request lists as missing its Welsh is written, as a link."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.analysis.welsh import MissingText, missing_welsh_texts, welsh_key
from oversight.plans import welsh
from oversight.plans.models import Plan
from oversight.roadmap import rules
from oversight.roadmap.models import Activity, Perspective

# Who writes a roadmap summary the user may not change, by the activity's perspective.
OWNERS = {
    Perspective.FORCE: "the Chief Constable's team",
    Perspective.COMMISSIONER: "the Commissioner's team",
}


@dataclass(frozen=True)
class Fix:
    """A text missing its Welsh, in words; the form that writes it, or who else writes it."""

    words: str
    url: str = ""
    writer: str = ""  # set when the user may not write it, but someone may


def welsh_fixes(content: Mapping[str, Any], *, user: User) -> list[Fix]:
    """Return each text of ``content`` missing its Welsh with where ``user`` may write it.

    A text of the plan is written on the plan's Welsh texts page, a roadmap summary on its
    activity's page. No link is given to a form the user may not use (for an activity, who
    writes it is said instead), nor for an item the current plan no longer holds.
    """
    texts = missing_welsh_texts(content)
    plan = Plan.objects.first()
    if plan is None or plan.force_slug != (content.get("plan") or {}).get("force_slug"):
        # Content of another plan: the current plan's forms do not write it.
        return [Fix(text.words) for text in texts]
    codes = welsh.codes_in(plan) if user.can(Permission.EDIT_PLAN) else {}
    refs = [text.code for text in texts if text.kind == "activity"]
    activities = {
        a.ref: a for a in Activity.objects.filter(plan=plan, ref__in=refs).select_related("partner")
    }
    fixes = []
    for text in texts:
        if text.kind == "activity":
            fixes.append(_activity_fix(text, activities.get(text.code), user))
        elif text.code in codes.get(text.kind, ()):
            url = reverse("plans:welsh_edit", args=[text.kind, text.code])
            fixes.append(Fix(text.words, f"{url}#id_{welsh_key(text.key)}"))
        else:
            fixes.append(Fix(text.words))
    return fixes


def _activity_fix(text: MissingText, activity: Activity | None, user: User) -> Fix:
    if activity is None:
        return Fix(text.words)
    if rules.may_edit_activity(user, activity):
        url = reverse("roadmap:activity_edit", args=[activity.ref])
        return Fix(text.words, f"{url}#id_public_summary_cy")
    owner = activity.partner.name if activity.partner else "the partner"
    return Fix(text.words, writer=OWNERS.get(activity.perspective, owner))
