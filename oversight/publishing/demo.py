"""The demo's publication: the Board's presented snapshot, requested, approved and published,
and a summary paper released to the Police and Crime Panel."""

from __future__ import annotations

from typing import TextIO

from django.template.loader import render_to_string

from oversight.accounts.models import User
from oversight.display.pdf import html_to_pdf
from oversight.performance.models import Snapshot, SnapshotStatus
from oversight.publishing import presenters as show
from oversight.publishing import services
from oversight.publishing.models import PanelPaper, Publication
from oversight.publishing.views import publication_context


def load(*, stdout: TextIO) -> None:
    latest = services.latest_published()
    if latest is not None:
        stdout.write(f"Publishing: publication {latest.number} ({latest.period}) is public.")
    else:
        snapshot = Snapshot.objects.filter(status=SnapshotStatus.PRESENTED).order_by("-pk").first()
        if snapshot is None:
            stdout.write("Publishing: no presented snapshot to publish.")
            return
        request = services.request_publication(
            snapshot=snapshot,
            by=User.objects.filter(username="opcc").first(),
            note="As agreed at the Commissioner's Strategic Board; for the public and the Panel.",
        )
        latest = services.approve(
            publication=request, by=User.objects.filter(username="approver").first()
        )
        stdout.write(
            f"Publishing: publication {latest.number} ({latest.period}) requested by opcc, "
            "approved by approver, now public at /public/."
        )
    if not PanelPaper.objects.exists():
        _release_summary(latest)
    stdout.write(f"Panel: {PanelPaper.objects.filter(withdrawn_at__isnull=True).count()} paper(s).")


def _release_summary(publication: Publication) -> None:
    context = publication_context(publication)
    context.update(
        counts=show.rating_counts(publication.content), rows=show.measure_rows(publication.content)
    )
    html = render_to_string("publishing/panel_summary.html", context)
    services.release_paper(
        title=f"Performance report to the Panel: {publication.period}",
        summary="The Commissioner's summary of the published performance overview, for the "
        "Panel's next meeting.",
        file_name=f"performance-report-{publication.period}.pdf",
        data=html_to_pdf(html),
        by=User.objects.filter(username="opcc").first(),
    )
