"""`oversight publication`: request, approve, reject and list publications."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.performance.management.commands.assess import user_named
from oversight.performance.models import Snapshot
from oversight.publishing import services
from oversight.publishing.models import Publication


class Command(BaseCommand):
    help = (
        "Publishing is a request and an approval by someone else: `request SNAPSHOT_ID --by USER "
        "[--no-roadmap] [--note TEXT]` freezes a publication of a presented snapshot (with "
        "disclosure control) and the roadmap; `approve REQUEST_ID --by USER [--welsh-reason "
        "TEXT]` publishes it (the reason is required if any published text has no Welsh "
        "version); "
        "`reject REQUEST_ID --by USER --note REASON`; `list [--json]`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "request", "approve", "reject"])
        parser.add_argument("id", nargs="?", type=int, help="snapshot id (request) or request id")
        parser.add_argument("--by", metavar="USERNAME", help="who asks or decides (audited)")
        parser.add_argument("--note", default="", help="a note; the reason, to reject")
        parser.add_argument(
            "--welsh-reason",
            default="",
            metavar="TEXT",
            help="approve: why it is published with texts that have no Welsh version "
            "(required if any are missing; kept and audited)",
        )
        parser.add_argument("--no-roadmap", action="store_true", help="publish without the roadmap")
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list(options["json"])
            return
        if options["id"] is None:
            raise CommandError(f"`{action}` needs an id")
        if not options["by"]:
            # The two-person rule compares who requested with who decides: neither may be nobody.
            raise CommandError(
                f"`{action}` needs --by USERNAME: a publication is requested by one named person "
                "and approved or rejected by another, and both are recorded"
            )
        by = user_named(options["by"])
        try:
            if action == "request":
                snapshot = Snapshot.objects.filter(pk=options["id"]).first()
                if snapshot is None:
                    raise CommandError(f"no snapshot {options['id']}")
                done = services.request_publication(
                    snapshot=snapshot,
                    by=by,
                    includes_roadmap=not options["no_roadmap"],
                    note=options["note"],
                )
                self.stdout.write(f"Requested: request {done.pk} awaits approval by a colleague.")
                return
            publication = Publication.objects.filter(pk=options["id"]).first()
            if publication is None:
                raise CommandError(f"no publication request {options['id']}")
            if action == "approve":
                done = services.approve(
                    publication=publication,
                    by=by,
                    note=options["note"],
                    welsh_reason=options["welsh_reason"],
                )
                self.stdout.write(f"Published: publication {done.number} ({done.period}).")
            else:
                services.reject(publication=publication, by=by, reason=options["note"])
                self.stdout.write(f"Rejected: request {publication.pk}.")
        except services.PublishingError as exc:
            raise CommandError(str(exc)) from exc

    def _list(self, as_json: bool) -> None:
        rows = [
            {
                "request": p.pk,
                "number": p.number,
                "period": p.period,
                "status": p.status,
                "snapshot": p.snapshot_id,
                "includes_roadmap": p.includes_roadmap,
                "requested_at": p.requested_at.isoformat(timespec="seconds"),
                "decided_at": p.decided_at.isoformat(timespec="seconds") if p.decided_at else None,
                "hash": p.content_hash,
            }
            for p in Publication.objects.defer("content", "changes").order_by("pk")
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not rows:
            self.stdout.write("No publications.")
        for r in rows:
            number = f"publication {r['number']}" if r["number"] else "—"
            self.stdout.write(
                f"{r['request']:>4}  {r['period']}  {r['status']:<9}  {number:<16}  "
                f"snapshot {r['snapshot']}  {r['hash'][:12]}"
            )
