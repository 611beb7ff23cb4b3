"""`oversight data summary|breaks`: what the warehouse holds; the integrity monitor's findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.accounts.models import User
from oversight.data.breaks import DecisionError, decide, finding_json
from oversight.data.models import Finding
from oversight.data.monitor import run_monitor
from oversight.data.warehouse import Warehouse


class Command(BaseCommand):
    help = (
        "Report on the police data: `oversight data summary [--json]`; the integrity monitor's "
        "findings: `oversight data breaks [--force SLUG] [--json] [--rerun]`, and "
        "`oversight data breaks decide ID --as real|recording --reason TEXT --by USER`."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        summary = sub.add_parser(
            "summary",
            help="rows per kind, force and month; missing months; import batches",
            description="Rows per kind × force × month, the months missing for each kind and "
            "force between its first and last month, and the import batches.",
        )
        summary.add_argument("--json", action="store_true", help="print one JSON document")
        breaks = sub.add_parser(
            "breaks",
            help="data breaks, revisions and outcome-mix shifts found, with their decisions",
            description="Every finding of the recording-integrity monitor (run after each "
            "police.uk import and measures refresh): its kind (break, revision, outcome_mix), "
            "force, dataset, month, the series that stepped with their levels before and "
            "after, the measures it touches and its decision (open, real_change, "
            "recording_change). An open break or outcome-mix shift holds the measures it "
            "touches at Grey until decided.",
        )
        breaks.add_argument("--force", metavar="SLUG", help="only this force (police.uk slug)")
        breaks.add_argument("--json", action="store_true", help="print one JSON document")
        breaks.add_argument(
            "--rerun", action="store_true", help="run the monitor over the warehouse first"
        )
        decisions = breaks.add_subparsers(dest="breaks_action", metavar="decide")
        choose = decisions.add_parser(
            "decide",
            help="record whether a finding is a real change or a recording change",
            description="Record the decision on an open finding, with its reason (audited, "
            "final). `--as recording` rebases every measure the finding touches at its month "
            "(or --rebase-at): their SPC limits start again there.",
        )
        choose.add_argument("id", type=int, help="the finding's id (see `oversight data breaks`)")
        choose.add_argument(
            "--as", dest="decision", required=True, choices=["real", "recording"],
            help="real: the change happened; recording: a change in recording or publication",
        )  # fmt: skip
        choose.add_argument("--reason", required=True, help="what was checked, and with whom")
        choose.add_argument(
            "--by", required=True, metavar="USERNAME", help="who decides (Chief Constable's team)"
        )
        choose.add_argument(
            "--rebase-at", metavar="YYYY-MM", help="rebase at this month (default the finding's)"
        )

    def handle(self, *args: object, **options: Any) -> None:
        if options["action"] == "summary":
            with Warehouse(Path(settings.WAREHOUSE_PATH)) as warehouse:
                summary = warehouse.summary()
            if options["json"]:
                self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
                return
            for line in summary_lines(summary):
                self.stdout.write(line)
            return
        if options.get("breaks_action") == "decide":
            self._decide(options)
            return
        if options["rerun"]:
            for line in run_monitor().lines():
                self.stderr.write(line)
        findings = Finding.objects.select_related("decided_by")
        if options["force"]:
            findings = findings.filter(force=options["force"])
        rows = [finding_json(f) for f in findings]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No findings: the monitor has found no break, revision or shift.")
        for r in rows:
            measures = ", ".join(m["code"] for m in r["measures"]) or "no measure"
            gone = "" if r["still_detected"] else " (no longer found)"
            self.stdout.write(
                f"[{r['id']}] {r['kind']:<11} {r['force']:<16} {r['dataset']:<15} "
                f"{r['period']}  {r['decision']}{gone}"
            )
            self.stdout.write(f"     {r['summary']}")
            self.stdout.write(f"     touches: {measures}")
            if r["reason"]:
                self.stdout.write(f"     decided by {r['decided_by']}: {r['reason']}")

    def _decide(self, options: dict[str, Any]) -> None:
        finding = Finding.objects.filter(pk=options["id"]).first()
        if finding is None:
            raise CommandError(f"No finding {options['id']}: see `oversight data breaks`.")
        by = User.objects.filter(username=options["by"]).first()
        if by is None:
            raise CommandError(f"--by: no user named {options['by']!r}")
        try:
            decided = decide(
                finding=finding,
                decision=options["decision"],
                reason=options["reason"],
                by=by,
                rebase_period=options["rebase_at"],
            )
        except DecisionError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Finding {decided.pk} decided: {decided.get_decision_display().lower()}."
        )
        if decided.rebased_measures:
            self.stdout.write(
                f"Rebased at {decided.rebase_period}: {', '.join(decided.rebased_measures)}. "
                "Assess again to rate them with the new limits."
            )


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """Return the text form of the summary: one line per kind and force, then gaps."""
    spans: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in summary["rows"]:
        spans.setdefault((row["kind"], row["force"]), []).append(row)
    if not spans:
        return ["The warehouse is empty: run `oversight import police-uk PATH...`."]
    lines = [f"{'kind':<16} {'force':<20} {'months':>6} {'first':>8} {'last':>8} {'rows':>11}"]
    for (kind, force), rows in sorted(spans.items()):
        total = sum(r["rows"] for r in rows)
        lines.append(
            f"{kind:<16} {force:<20} {len(rows):>6} {rows[0]['month']:>8} "
            f"{rows[-1]['month']:>8} {total:>11,}"
        )
    for gap in summary["gaps"]:
        lines.append(f"Missing {gap['kind']} {gap['force']}: {', '.join(gap['months'])}")
    statuses: dict[str, int] = {}
    for batch in summary["batches"]:
        statuses[batch["status"]] = statuses.get(batch["status"], 0) + 1
    lines.append(
        "Batches: " + (", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) or "none")
    )
    return lines
