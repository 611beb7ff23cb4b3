"""The public site and the Police and Crime Panel's view: published publications only.

Every public view starts from ``_published`` (a number among published publications) and reads
that publication's frozen content; none of them queries snapshots, plans or the roadmap.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.analysis.accountability import across
from oversight.core.caching import public_page
from oversight.display.figure import figure
from oversight.publishing import open_data, services
from oversight.publishing import presenters as show
from oversight.publishing.models import PanelPaper, Publication
from oversight.reports.pack_peers import peer_section

# Open data files are the same bytes for ever: let caches keep them.
IMMUTABLE = "public, max-age=86400"


def _published(number: int | None = None) -> Publication:
    # The previous publication is named on the page; its content is not needed.
    publications = (
        Publication.objects.published().select_related("previous").defer("previous__content")
    )
    found = (
        publications.filter(number=number).first()
        if number is not None
        else publications.order_by("-number").first()
    )
    if found is None:
        raise Http404("No such publication")
    return found


def _latest_number() -> int | None:
    return (
        Publication.objects.published().order_by("-number").values_list("number", flat=True).first()
    )


# A public page is drawn once per publication, latest publication and code; the public (who
# are not signed in) are then served the kept page with its ETag.
kept = public_page(state=_latest_number)


def publication_context(publication: Publication) -> dict[str, Any]:
    """Return what every page of a publication shows: its content, changes and neighbours."""
    content = publication.content
    return {
        "publication": publication,
        "content": content,
        "plan": content["plan"],
        "bcus": content["bcus"],
        "changes": publication.change_record,
        "latest_number": _latest_number(),
        "any_sample": any(m["is_sample"] for m in content["measures"]),
    }


def _page(request: HttpRequest, template: str, publication: Publication, **extra: Any):
    return render(request, template, {**publication_context(publication), **extra})


@public
@kept
def index(request: HttpRequest) -> HttpResponse:
    number = _latest_number()
    if number is None:
        return render(request, "publishing/nothing.html")
    publication = _published(number)
    rows = show.measure_rows(publication.content)
    return _page(
        request,
        "publishing/index.html",
        publication,
        counts=show.rating_counts(publication.content),
        reds=[r for r in rows if r["rating"] == "red"],
        items=show.record_items(publication.content) or [],
    )


@public
@kept
def archive(request: HttpRequest) -> HttpResponse:
    publications = Publication.objects.published().order_by("-number").defer("content", "changes")
    return render(request, "publishing/archive.html", {"publications": publications})


@public
def english(request: HttpRequest, rest: str) -> HttpResponse:
    """Send /en/public/… to the English page's own (unprefixed) address."""
    target = "/" + rest.lstrip("/")  # never //host: a redirect off the site
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{target}?{query}" if query else target, permanent=True)


@public
def latest(request: HttpRequest, page: str) -> HttpResponse:
    """Redirect a stable "latest" address (/public/plan/ …) to the latest publication's page."""
    number = _latest_number()
    if number is None:
        raise Http404("Nothing has been published yet")
    return redirect(f"publishing:{page}", number=number)


@public
def latest_measure(request: HttpRequest, code: str) -> HttpResponse:
    number = _latest_number()
    if number is None:
        raise Http404("Nothing has been published yet")
    return redirect("publishing:measure", number=number, code=code)


@public
@kept
def overview(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    return _page(
        request,
        "publishing/overview.html",
        publication,
        counts=show.rating_counts(publication.content),
        rows=show.measure_rows(publication.content),
        hot_list=show.hot_list(publication.content, publication.change_record),
    )


@public
@kept
def plan(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    return _page(
        request,
        "publishing/plan.html",
        publication,
        priorities=show.plan_priorities(publication.content),
    )


@public
@kept
def measure(request: HttpRequest, number: int, code: str) -> HttpResponse:
    publication = _published(number)
    found = show.find_measure(publication.content, code)
    if found is None:
        raise Http404(f"No measure {code} in this publication")
    return _page(
        request,
        "publishing/measure.html",
        publication,
        measure=found,
        value_text=show.figure_text(found["unit"], found["value"]),
        chart=show.measure_chart(publication.content, found),
        series=show.series_rows(publication.content, found, publication.change_record),
        record_items=[
            i for i in show.record_items(publication.content) or [] if i["measure"] == code
        ],
    )


@public
@kept
def measure_chart(request: HttpRequest, number: int, code: str) -> HttpResponse:
    publication = _published(number)
    svg = show.chart_svg(publication.pk, publication.content_hash, code)
    if svg is None:
        raise Http404("No chart")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = IMMUTABLE
    return response


@public
@kept
def themes(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    return _page(
        request, "publishing/themes.html", publication, themes=show.themes(publication.content)
    )


@public
@kept
def compare(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    section = peer_section(publication.content.get("peers"))
    if section is None:
        raise Http404("This publication has no peer comparison")
    figures = [
        (funnel, figure(funnel.chart, f"chart-funnel-{i}"))
        for i, funnel in enumerate(section.funnels, start=1)
    ]
    return _page(request, "publishing/compare.html", publication, peers=section, figures=figures)


@public
@kept
def roadmap(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    matrix = show.roadmap_matrix(publication.content)
    if matrix is None:
        raise Http404("This publication has no roadmap")
    return _page(request, "publishing/roadmap.html", publication, matrix=matrix)


@public
@kept
def record(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    items = show.record_items(publication.content)
    if items is None:
        raise Http404("This publication has no accountability record")
    return _page(request, "publishing/record.html", publication, items=items)


@public
@kept
def record_history(request: HttpRequest) -> HttpResponse:
    """What the Commissioner has asked, and what happened: each item across publications."""
    threads = across(services.published_records())
    return render(
        request,
        "publishing/record_history.html",
        {"threads": threads, "latest_number": _latest_number()},
    )


def _data_base(number: int) -> str:
    return reverse("publishing:data", kwargs={"number": number})


@public
@kept
def data(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    tables = list(open_data.tables(publication.content).values())
    return _page(request, "publishing/data.html", publication, tables=tables)


def _package(publication: Publication) -> dict[str, Any]:
    return open_data.package(
        publication.content,
        number=publication.number,
        published_at=publication.decided_at.isoformat(),
        base=_data_base(publication.number),
        table_list=list(open_data.tables(publication.content).values()),
    )


@public
def datapackage(request: HttpRequest, number: int) -> HttpResponse:
    publication = _published(number)
    return _file(json.dumps(_package(publication), indent=1), "application/json", None)


def _file(body: str, content_type: str, filename: str | None) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public
def data_file(request: HttpRequest, number: int, table: str, fmt: str) -> HttpResponse:
    publication = _published(number)
    found = open_data.tables(publication.content).get(table)
    if found is None:
        raise Http404(f"No table {table}")
    stem = f"{publication.content['plan']['force_slug']}-publication-{number}-{table}"
    if fmt == "csv":
        return _file(open_data.to_csv(found), "text/csv", f"{stem}.csv")
    if fmt == "json":
        return _file(open_data.to_json(found), "application/json", None)
    metadata = {
        **{k: v for k, v in _package(publication).items() if k != "resources"},
        "resource": open_data.resource(found, base=_data_base(number)),
    }
    return _file(json.dumps(metadata, indent=1), "application/json", None)


@requires(Permission.VIEW_PANEL)
def panel(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/panel.html",
        {
            "publications": Publication.objects.published()
            .order_by("-number")
            .defer("content", "changes"),
            "papers": PanelPaper.objects.released().defer("data"),
        },
    )


@requires(Permission.VIEW_PANEL)
def panel_paper(request: HttpRequest, pk: int) -> HttpResponse:
    # Only released papers: one awaiting release, or withdrawn, is not the Panel's to read.
    paper = get_object_or_404(PanelPaper.objects.released(), pk=pk)
    response = HttpResponse(bytes(paper.data), content_type=paper.content_type)
    # The name came from an upload: let Django quote and encode it.
    response["Content-Disposition"] = content_disposition_header(True, paper.file_name)
    response["Cache-Control"] = "private, no-store"
    return response
