"""The category vocabularies of data.police.uk files (see the format notes in docs/)."""

from oversight.analysis.language import gettext_noop

# Each marked for the catalogue: a crime type named in a sentence is shown through ``language._``.
CRIME_TYPES: tuple[str, ...] = (
    gettext_noop("Anti-social behaviour"),
    gettext_noop("Bicycle theft"),
    gettext_noop("Burglary"),
    gettext_noop("Criminal damage and arson"),
    gettext_noop("Drugs"),
    gettext_noop("Other crime"),
    gettext_noop("Other theft"),
    gettext_noop("Possession of weapons"),
    gettext_noop("Public order"),
    gettext_noop("Robbery"),
    gettext_noop("Shoplifting"),
    gettext_noop("Theft from the person"),
    gettext_noop("Vehicle crime"),
    gettext_noop("Violence and sexual offences"),
)

# Outcome labels in outcomes files and `Last outcome category` in street files, old and new.
OUTCOME_TYPES: tuple[str, ...] = (
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Awaiting court outcome",
    "Local resolution",
    "Court result unavailable",
    "Offender given a caution",
    "Action to be taken by another organisation",
    "Further investigation is not in the public interest",
    "Formal action is not in the public interest",
    "Further action is not in the public interest",
    "Offender given a drugs possession warning",
    "Offender given penalty notice",
    "Suspect charged as part of another case",
    "Suspect charged",
    "Offender sent to prison",
    "Offender given suspended prison sentence",
    "Offender given community sentence",
    "Offender fined",
    "Offender given conditional discharge",
    "Offender given absolute discharge",
    "Offender ordered to pay compensation",
    "Offender deprived of property",
    "Offender otherwise dealt with",
    "Defendant found not guilty",
    "Defendant sent to Crown Court",
    "Court case unable to proceed",
)

# Stop-and-search outcomes: the labels used before and after the 2018 change.
SEARCH_OUTCOMES: tuple[str, ...] = (
    "Nothing found - no further action",
    "Suspect arrested",
    "Suspect summonsed to court",
    "Offender given drugs possession warning",
    "Offender given penalty notice",
    "Offender cautioned",
    "Local resolution",
    "A no further action disposal",
    "Arrest",
    "Community resolution",
    "Khat or Cannabis warning",
    "Penalty Notice for Disorder",
    "Summons / charged by post",
    "Caution (simple or conditional)",
)
