"""The English labels published content freezes, listed so the Welsh catalogue has each one.

A publication freezes labels in English ("Red", "Rate per 1,000 population", "Escalated to the
Board"); the public pages translate them as they show them (``{% translate r.rating_label %}``).
``makemessages`` finds only literal strings, so every value a label can take is named here with
``gettext_noop``. Keep each list in step with where the labels come from, named above it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

#: oversight.analysis.rag.Rating.label
RATINGS = [gettext_noop("Red"), gettext_noop("Amber"), gettext_noop("Green"), gettext_noop("Grey")]

#: oversight.analysis.units._LABELS (a measure's unit_label)
UNITS = [
    gettext_noop("Count"),
    gettext_noop("Rate per 1,000 population"),
    gettext_noop("Percentage"),
    gettext_noop("Duration (seconds)"),
    gettext_noop("Score"),
]

#: oversight.display.words.unit_words (a measure's chart_unit_title: its chart's axis)
AXIS_TITLES = [gettext_noop("Count per day")]

#: oversight.plans.models.Direction (a measure's improvement_label)
DIRECTIONS = [
    gettext_noop("Higher is better"),
    gettext_noop("Lower is better"),
    gettext_noop("Neither"),
]

#: oversight.plans.models.Source (a measure's source_label)
SOURCES = [gettext_noop("data.police.uk"), gettext_noop("Force-supplied")]

#: oversight.plans.models.Priority.Kind (a priority's kind_label)
PRIORITY_KINDS = [
    gettext_noop("Policing priority"),
    gettext_noop("Partnership priority"),
    gettext_noop("Development priority"),
]

#: oversight.roadmap.models.activities.Perspective (an activity's perspective)
PERSPECTIVES = [gettext_noop("Force"), gettext_noop("Commissioner"), gettext_noop("Partner")]

#: oversight.roadmap.models.activities.Status (an activity's status)
ACTIVITY_STATUSES = [
    gettext_noop("Planned"),
    gettext_noop("In progress"),
    gettext_noop("Done"),
    gettext_noop("Slipped"),
    gettext_noop("Stopped"),
]

#: oversight.analysis.publication_changes.ActivityChange.change, when not a status change
ACTIVITY_CHANGES = [gettext_noop("added"), gettext_noop("removed")]

#: oversight.meetings.models.Action.Status (an action's status_label)
ACTION_STATUSES = [
    gettext_noop("Open"),
    gettext_noop("In progress"),
    gettext_noop("Done"),
    gettext_noop("Cancelled"),
]

#: oversight.analysis.accountability.VERDICTS (a verdict's label)
VERDICTS = [gettext_noop("Assured"), gettext_noop("Partly assured"), gettext_noop("Not assured")]

#: oversight.accountability.record (an item's kind_label)
RECORD_KINDS = [gettext_noop("Escalated to the Board"), gettext_noop("Thematic review")]

#: oversight.questions.models.Question.Kind and Question.public_pin_label
QUESTION_KINDS = [gettext_noop("Question"), gettext_noop("Information request")]
QUESTION_PINS = [gettext_noop("A paper released to the Police and Crime Panel")]

#: oversight.analysis.questions.STAGE_LABELS (a question's stage_label, on the Panel's page)
QUESTION_STAGES = [
    gettext_noop("Received, awaiting assignment"),
    gettext_noop("Assigned, being answered"),
    gettext_noop("Answer drafted, awaiting release"),
    gettext_noop("Answered"),
]

#: oversight.accounts.permissions.Role (the header names a signed-in user's role)
ROLES = [
    gettext_noop("Commissioner's team"),
    gettext_noop("Chief Constable's team"),
    gettext_noop("Partner"),
    gettext_noop("Police and Crime Panel member"),
    gettext_noop("Administrator"),
]

#: The apps' nav_items (oversight.core.navigation): their labels and section names, which the
#: header shows on every page, the Welsh public and Panel pages among them.
NAVIGATION = [
    gettext_noop("Home"),
    gettext_noop("Plan"),
    gettext_noop("Performance"),
    gettext_noop("Overview"),
    gettext_noop("Themes"),
    gettext_noop("How we compare"),
    gettext_noop("Snapshots"),
    gettext_noop("Data"),
    gettext_noop("Meetings"),
    gettext_noop("Reporting cycle"),
    gettext_noop("Actions"),
    gettext_noop("Programme"),
    gettext_noop("Thematic programme"),
    gettext_noop("Concerns"),
    gettext_noop("Roadmap"),
    gettext_noop("Publishing"),
    gettext_noop("Accountability record"),
    gettext_noop("Public site"),
    gettext_noop("Panel"),
    gettext_noop("Requests and papers"),
    gettext_noop("Ask a question"),
    gettext_noop("Panel questions"),
    gettext_noop("Answers to the Panel"),
    gettext_noop("Site pages"),
    gettext_noop("Audit log"),
]
