"""The Commissioner's team's side of publishing: requests, approval, Panel papers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from oversight.accountability import record as accountability_record
from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.analysis.publication_changes import compare
from oversight.publishing import presenters as show
from oversight.publishing import services
from oversight.publishing.forms import DecisionForm, PaperForm, RequestForm, WithdrawForm
from oversight.publishing.models import PanelPaper, Publication, PublicationStatus
from oversight.publishing.templatetags.record import day
from oversight.publishing.views import publication_context
from oversight.publishing.welsh_fixes import welsh_fixes


def _record_choice(item: dict, carried: set[str]) -> tuple[str, str]:
    verdict = (item.get("verdict") or {}).get("label") or "no verdict yet"
    shown = ", in the last publication" if item["key"] in carried else ""
    raised = f", raised {day(item['raised'])}" if item.get("raised") else ""
    return item["key"], f"{item['kind_label']}: {item['title']}{raised} ({verdict}{shown})"


@requires(Permission.PUBLISH)
def publications(request: HttpRequest) -> HttpResponse:
    carried = services.carried_keys()
    candidates = accountability_record.candidates()
    form = RequestForm(
        request.POST or None,
        initial={"snapshot": request.GET.get("snapshot"), "record_items": carried},
        record_choices=[_record_choice(item, set(carried)) for item in candidates],
    )
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.request_publication(
                snapshot=form.cleaned_data["snapshot"],
                by=request.user,
                includes_roadmap=form.cleaned_data["includes_roadmap"],
                note=form.cleaned_data["note"],
                record_keys=form.cleaned_data["record_items"],
            )
        except services.PublishingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Publication requested ({publication}); it awaits approval.")
            return redirect("publications:detail", pk=publication.pk)
    rows = Publication.objects.select_related("requested_by", "decided_by", "snapshot").defer(
        "content"
    )
    return render(
        request,
        "publishing/manage/list.html",
        {"form": form, "publications": rows, "threshold": services.threshold()},
    )


@requires(Permission.PUBLISH)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(
        Publication.objects.select_related("requested_by", "decided_by", "snapshot"), pk=pk
    )
    context = publication_context(publication)
    if publication.status == PublicationStatus.REQUESTED:
        # Approval needs a reason to publish any of these without its Welsh; each links to
        # where its Welsh is written.
        context["missing_welsh"] = welsh_fixes(publication.content, user=request.user)
        # What approving now would record as changed since the latest publication.
        previous = services.latest_published()
        context["changes"] = compare(
            previous.content if previous else None,
            publication.content,
            previous_number=previous.number if previous else None,
        )
    user = request.user
    context.update(
        counts=show.rating_counts(publication.content),
        rows=show.measure_rows(publication.content),
        record_items=show.record_items(publication.content) or [],
        may_decide=publication.status == PublicationStatus.REQUESTED
        and user.can(Permission.APPROVE_PUBLICATION)
        and publication.requested_by_id != user.pk,
        is_requester=publication.requested_by_id == user.pk,
        form=DecisionForm(),
        may_make_paper=publication.status == PublicationStatus.PUBLISHED
        and user.can(Permission.RELEASE_PANEL_PAPERS),
        papers=publication.panel_papers.defer("data"),
    )
    return render(request, "publishing/manage/detail.html", context)


@requires(Permission.APPROVE_PUBLICATION)
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    publication = get_object_or_404(Publication, pk=pk)
    form = DecisionForm(request.POST)
    valid = form.is_valid()
    note = form.cleaned_data["note"] if valid else ""
    try:
        if decision == "approve":
            publication = services.approve(
                publication=publication,
                by=request.user,
                note=note,
                welsh_reason=form.cleaned_data["welsh_reason"] if valid else "",
            )
            messages.success(request, f"{publication} is published.")
        else:
            services.reject(publication=publication, by=request.user, reason=note)
            messages.success(request, "The request is rejected.")
    except services.PublishingError as exc:
        messages.error(request, str(exc))
    return redirect("publications:detail", pk=pk)


@requires(Permission.RELEASE_PANEL_PAPERS)
def papers(request: HttpRequest) -> HttpResponse:
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            paper = services.release_paper(
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                meeting_date=form.cleaned_data["meeting_date"],
                file_name=upload.name,
                data=upload.read(services.MAX_PAPER_BYTES + 1),
                by=request.user,
            )
        except services.PublishingError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"“{paper.title}” is released to the Panel.")
            return redirect("publications:papers")
    rows = PanelPaper.objects.select_related(
        "filed_by", "released_by", "withdrawn_by", "publication"
    ).defer("data", "publication__content", "publication__changes")
    return render(
        request,
        "publishing/manage/papers.html",
        {"form": form, "papers": rows, "withdraw_form": WithdrawForm()},
    )


@requires(Permission.RELEASE_PANEL_PAPERS)
@require_POST
def make_paper(request: HttpRequest, pk: int) -> HttpResponse:
    """File the Panel paper of a publication, awaiting release."""
    publication = get_object_or_404(Publication, pk=pk)
    try:
        paper = services.file_panel_paper(
            publication=publication,
            by=request.user,
            language="cy" if request.POST.get("language") == "cy" else "en-gb",
        )
    except services.PublishingError as exc:
        messages.error(request, str(exc))
        return redirect("publications:detail", pk=pk)
    messages.success(
        request, f"“{paper.title}” is filed, awaiting release: read it, then release it."
    )
    return redirect("publications:papers")


@requires(Permission.RELEASE_PANEL_PAPERS)
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(PanelPaper.objects.defer("data"), pk=pk)
    try:
        services.release(paper=paper, by=request.user)
    except services.PublishingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"“{paper.title}” is released to the Panel.")
    return redirect("publications:papers")


@requires(Permission.RELEASE_PANEL_PAPERS)
def paper_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Return any paper's file, released or not, for the Commissioner's team to read."""
    paper = get_object_or_404(PanelPaper, pk=pk)
    response = HttpResponse(bytes(paper.data), content_type=paper.content_type)
    response["Content-Disposition"] = content_disposition_header(True, paper.file_name)
    response["Cache-Control"] = "private, no-store"
    return response


@requires(Permission.RELEASE_PANEL_PAPERS)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(PanelPaper.objects.defer("data"), pk=pk)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.withdraw_paper(paper=paper, by=request.user, reason=reason)
    except services.PublishingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"“{paper.title}” is withdrawn from the Panel.")
    return redirect("publications:papers")
