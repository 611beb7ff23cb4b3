"""`oversight snapshot`: list, show, compare and present frozen snapshots."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.performance import presenters, services
from oversight.performance.management.commands.assess import user_named
from oversight.performance.models import Snapshot, SnapshotFrozen
from oversight.performance.record import verify


class Command(BaseCommand):
    help = (
        "Work with snapshots: `list`; `show ID`; `diff ID [--against ID]` (default: the "
        "snapshot it superseded); `present ID`, after which it never changes (a period has one "
        "presented snapshot); `verify ID` or `verify --all`, which recomputes the content hash "
        "and each row's digest and exits non-zero naming what differs; `discard ID` for a "
        "draft never presented. Publishing is a request and an approval: see "
        "`oversight publication`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["list", "show", "diff", "present", "verify", "discard"]
        )
        parser.add_argument("id", nargs="?", type=int, help="snapshot id (all but list)")
        parser.add_argument("--all", action="store_true", help="verify: every snapshot")
        parser.add_argument("--reason", default="", help="discard: why (kept in the audit log)")
        parser.add_argument("--against", type=int, metavar="ID", help="snapshot to diff against")
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
        parser.add_argument("--by", metavar="USERNAME", help="user to record in the audit trail")

    def _get(self, pk: int | None) -> Snapshot:
        if pk is None:
            raise CommandError("this action needs a snapshot id")
        try:
            return Snapshot.objects.get(pk=pk)
        except Snapshot.DoesNotExist as exc:
            raise CommandError(f"no snapshot {pk}") from exc

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list(options["json"])
            return
        if action == "verify":
            self._verify(options["id"], every=options["all"])
            return
        snapshot = self._get(options["id"])
        if action == "discard":
            by = user_named(options["by"])
            try:
                services.discard_draft(snapshot=snapshot, by=by, reason=options["reason"])
            except SnapshotFrozen as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Draft snapshot {options['id']} discarded.")
            return
        if action == "show":
            if options["json"]:
                self.stdout.write(
                    json.dumps(presenters.snapshot_json(snapshot), indent=2, ensure_ascii=False)
                )
            else:
                self.stdout.write(presenters.snapshot_table(snapshot))
        elif action == "diff":
            against = self._get(options["against"]) if options["against"] else snapshot.previous
            self._diff(snapshot, against, options["json"])
        else:
            by = user_named(options["by"])
            try:
                snapshot = services.mark_presented(snapshot=snapshot, by=by)
            except (SnapshotFrozen, ValueError) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Snapshot {snapshot.pk} is now {snapshot.status}.")

    def _verify(self, pk: int | None, *, every: bool) -> None:
        if every == (pk is not None):
            raise CommandError("verify needs a snapshot id or --all (not both)")
        snapshots = Snapshot.objects.order_by("pk") if every else [self._get(pk)]
        failed = []
        for snapshot in snapshots:
            result = verify(snapshot)
            if result.ok:
                self.stdout.write(f"Snapshot {snapshot.pk} verified: {result.stored}")
            else:
                failed.append(snapshot.pk)
                for problem in result.problems:
                    self.stderr.write(f"Snapshot {snapshot.pk} FAILED: {problem}")
        if failed:
            raise CommandError(
                f"{len(failed)} snapshot(s) do not match their record: "
                + ", ".join(str(pk) for pk in failed)
            )

    def _list(self, as_json: bool) -> None:
        rows = [
            {
                "snapshot": s.pk,
                "period": s.period,
                "status": s.status,
                "created_at": s.created_at.isoformat(timespec="seconds"),
                "hash": s.content_hash,
                "previous": s.previous_id,
            }
            for s in Snapshot.objects.all()
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not rows:
            self.stdout.write("No snapshots yet: run `oversight assess`.")
        for r in rows:
            self.stdout.write(
                f"{r['snapshot']:>5}  {r['period']}  {r['status']:<9}  {r['created_at']}  "
                f"{r['hash'][:12]}"
            )

    def _diff(self, snapshot: Snapshot, against: Snapshot | None, as_json: bool) -> None:
        changes = services.diff(snapshot, against)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "snapshot": snapshot.pk,
                        "against": against.pk if against else None,
                        "changes": [c.to_dict() for c in changes],
                    },
                    indent=2,
                )
            )
            return
        if against is None:
            self.stdout.write(f"Snapshot {snapshot.pk} has no earlier snapshot to compare with.")
            return
        self.stdout.write(f"Snapshot {snapshot.pk} against {against.pk}: {len(changes)} changes")
        for change in changes:
            self.stdout.write(f"  {change.describe()}")
