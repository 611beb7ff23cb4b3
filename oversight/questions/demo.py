"""The demo's Panel questions: one answered and published, one assigned to the force.

Both are about figures of the demo's publication, asked by the Panel's persona. The demo's only
publication is published as the demo loads, so no question about it can yet be past its due
date; the overdue path is shown by the tests, not the demo.
"""

from __future__ import annotations

from typing import TextIO

from oversight.accounts.models import User
from oversight.publishing.services import latest_published
from oversight.questions import services
from oversight.questions.models import Question


def load(*, stdout: TextIO) -> None:
    if Question.objects.exists():
        stdout.write(f"Panel questions: {Question.objects.count()} already asked.")
        return
    publication = latest_published()
    people = {u.username: u for u in User.objects.filter(username__in=["panel", "opcc", "force"])}
    if publication is None or len(people) < 3 or len(publication.content["measures"]) < 2:
        stdout.write("Panel questions: no publication or people to ask about it.")
        return
    first, second = publication.content["measures"][:2]
    answered = services.ask(
        kind=Question.Kind.QUESTION,
        text="What lies behind this month's figure, and what is the force doing about it?",
        pin=f"figure:{publication.number}:{first['code']}",
        by=people["panel"],
    )
    services.assign(question=answered, assignee=people["opcc"], by=people["opcc"])
    services.save_answer(
        question=answered,
        answer="The Chief Constable's team has looked at the month with us. The figure is "
        "within its usual range; we will report again at the next Board.",
        by=people["opcc"],
    )
    services.release(question=answered, to_public=True, by=people["opcc"])
    open_question = services.ask(
        kind=Question.Kind.INFORMATION_REQUEST,
        text="Please send the same figure for each basic command unit, by month, for the "
        "last year.",
        pin=f"figure:{publication.number}:{second['code']}",
        by=people["panel"],
    )
    services.assign(question=open_question, assignee=people["force"], by=people["opcc"])
    stdout.write(
        "Panel questions: one answered and published at /public/questions/, one assigned to "
        f"the force, due {open_question.due_date:%d %B %Y}."
    )
