"""The demo's commentary: the force explains its reds; the Commissioner's team scrutinises."""

from typing import TextIO

from oversight.accounts.models import User
from oversight.performance.commentary import add_commentary
from oversight.performance.models import Commentary, CommentaryKind
from oversight.plans.models import Measure

# (measure, force commentary, scrutiny question, the force's answer). Illustrative text for the
# demonstration, marked as sample wherever it is shown.
SAMPLE = "Sample commentary: "
THREADS = (
    (
        "PUK02",
        "Burglary has run above its average since the winter. Operation Harbour targets the "
        "repeat locations in Newport East; early figures for May and June are encouraging.",
        "Seven months above the mean: what share of this is dwelling burglary, and is the "
        "rise in the West BCU part of the same series?",
        "About two thirds are dwelling burglaries. The West rise is a separate series of "
        "garage break-ins in Caerphilly; a suspect was charged in June.",
    ),
    (
        "PUK06",
        "The published figures step up about tenfold from October 2023; the chart is rebased "
        "there. Since then the level has been stable.",
        "Has the force confirmed the cause of the October 2023 step with the data team, and "
        "will earlier months be restated?",
        "Not yet: the data team has asked data.police.uk. Until the cause is known the chart "
        "stays rebased at October 2023 and earlier months are not compared with later ones.",
    ),
    (
        "PUK03",
        "Robbery rose sharply in June (48 against 28 a year ago), mostly street robberies of "
        "mobile phones in Newport city centre.",
        "Is this a single series? What is the plan for the summer night-time economy?",
        "",
    ),
)


def load(*, stdout: TextIO) -> None:
    """Add the demo's commentary threads once."""
    force = User.objects.filter(username="force").first()
    opcc = User.objects.filter(username="opcc").first()
    if force is None or opcc is None or Commentary.objects.exists():
        stdout.write(f"Commentary: {Commentary.objects.count()} entries.")
        return
    added = 0
    for code, comment, question, answer in THREADS:
        measure = Measure.objects.filter(code=code).first()
        if measure is None:
            continue
        add_commentary(
            measure=measure, kind=CommentaryKind.FORCE_COMMENTARY, text=SAMPLE + comment, by=force
        )
        asked = add_commentary(
            measure=measure, kind=CommentaryKind.SCRUTINY_QUESTION, text=SAMPLE + question, by=opcc
        )
        added += 2
        if answer:
            add_commentary(
                measure=measure,
                kind=CommentaryKind.ANSWER,
                text=SAMPLE + answer,
                by=force,
                parent=asked,
            )
            added += 1
    stdout.write(f"Commentary: {added} entries (force commentary, scrutiny and answers).")
