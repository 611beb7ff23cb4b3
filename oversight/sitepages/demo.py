"""The demo's site pages: the suggested accessibility statement, privacy notice and contact page.

Written with example contact details (a reserved ".example" address and a telephone number from
Ofcom's range kept for drama), which the contact page says are examples. The Welsh is the
suggested draft, so the pages list shows it as not yet checked by a translator. Safe to run
again: a page already written is left as it is.
"""

from __future__ import annotations

from typing import TextIO

from django.conf import settings
from django.utils import timezone

from oversight.accounts.models import User
from oversight.sitepages import services
from oversight.sitepages.defaults import Contact, suggested
from oversight.sitepages.models import Kind, SitePage

DEMO_CONTACT = Contact(
    email="commissioner@opcc.example",
    phone="01632 960 123",
    address="Office of the Police and Crime Commissioner\nExample House\nCwmbran\nNP44 0AA",
    address_cy="Swyddfa'r Comisiynydd Heddlu a Throseddu\nTŷ Enghreifftiol\nCwmbrân\nNP44 0AA",
    note="This is a demonstration: the e-mail address, telephone number and address on this page "
    "are examples, not the Commissioner's.",
    note_cy="Arddangosiad yw hwn: enghreifftiau yw'r cyfeiriad e-bost, y rhif ffôn a'r cyfeiriad "
    "ar y dudalen hon, nid rhai'r Comisiynydd.",
)


def load(*, stdout: TextIO) -> None:
    written = set(SitePage.objects.values_list("kind", flat=True))
    by = User.objects.filter(username="opcc").first()
    for kind in Kind:
        if kind in written:
            continue
        text = suggested(
            kind,
            name=settings.COMMISSIONER_NAME,
            name_cy=settings.COMMISSIONER_NAME_CY,
            site_url=settings.SITE_URL,
            contact=DEMO_CONTACT,
            prepared=timezone.localdate(),
        )
        services.save_page(
            kind=kind,
            title=text.title,
            body=text.body,
            title_cy=text.title_cy,
            body_cy=text.body_cy,
            by=by,
        )
    stdout.write(
        f"Site pages: {len(Kind) - len(written)} written, {len(written)} already there "
        "(Welsh drafted, for a translator to check)."
    )
