"""Snapshots: the list, one snapshot's ratings, overrides, and marking presented or published."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.performance import frozen, presenters, services
from oversight.performance.forms import OverrideForm
from oversight.performance.models import Assessment, Snapshot, SnapshotFrozen
from oversight.performance.record import verify


@requires(Permission.VIEW_PERFORMANCE)
def snapshots(request: HttpRequest) -> HttpResponse:
    rows = Snapshot.objects.select_related("created_by", "presented_by", "published_by")
    return render(
        request,
        "performance/snapshot_list.html",
        {"snapshots": rows, "can_assess": request.user.can(Permission.ASSESS)},
    )


@requires(Permission.ASSESS)
@require_POST
def assess(request: HttpRequest) -> HttpResponse:
    try:
        snapshot = services.create_snapshot(period=None, by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("performance:snapshots")
    messages.success(request, f"Snapshot {snapshot.pk} made for {snapshot.period}.")
    return redirect("performance:snapshot", pk=snapshot.pk)


@requires(Permission.VIEW_PERFORMANCE)
def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(
        Snapshot.objects.select_related("created_by", "presented_by", "published_by", "previous"),
        pk=pk,
    )
    record = frozen.load(snapshot)
    user = request.user
    return render(
        request,
        "performance/snapshot_detail.html",
        {
            "snapshot": snapshot,
            # Each cell with its measure's name as assessed, not as the plan has it now.
            "assessments": [(a, _name(record, a.measure.code)) for a in record.cells],
            "counts": presenters.rating_counts(record.cells),
            "changes": services.diff(snapshot, snapshot.previous),
            "verification": verify(snapshot),
            "notes": len(record.notes),
            "can_override": user.can(Permission.OVERRIDE_RATING) and not snapshot.is_frozen,
            "can_present": user.can(Permission.ASSESS) and snapshot.status == "draft",
            "can_discard": user.can(Permission.ASSESS) and snapshot.status == "draft",
            "can_publish": user.can(Permission.PUBLISH) and snapshot.is_frozen,
        },
    )


def _name(record: frozen.Record, code: str) -> str:
    measure = record.measures.get(code)
    return measure.name if measure is not None else code


@requires(Permission.ASSESS)
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=pk)
    try:
        services.discard_draft(
            snapshot=snapshot, by=request.user, reason=request.POST.get("reason", "")
        )
    except SnapshotFrozen as exc:
        messages.error(request, str(exc))
        return redirect("performance:snapshot", pk=pk)
    messages.success(request, f"Draft snapshot {pk} discarded.")
    return redirect("performance:snapshots")


@requires(Permission.ASSESS)
@require_POST
def present(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=pk)
    try:
        services.mark_presented(snapshot=snapshot, by=request.user)
    except (SnapshotFrozen, IntegrityError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Snapshot {pk} marked as presented; it is now frozen.")
    return redirect("performance:snapshot", pk=pk)


@requires(Permission.OVERRIDE_RATING)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(
        Assessment.objects.with_overrides().select_related("snapshot"), pk=pk
    )
    status = 200
    if request.method == "POST":
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                services.override_rating(
                    assessment=assessment,
                    rating=form.cleaned_data["rating"],
                    justification=form.cleaned_data["justification"],
                    by=request.user,
                )
            except SnapshotFrozen as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, f"Rating of {assessment.measure.code} overridden.")
                return redirect("performance:snapshot", pk=assessment.snapshot_id)
        else:
            status = 400
    else:
        form = OverrideForm(initial={"rating": assessment.effective_rating})
    return render(
        request,
        "performance/override.html",
        {"assessment": assessment, "snapshot": assessment.snapshot, "form": form},
        status=status,
    )
