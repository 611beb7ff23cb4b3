"""Data pages: coverage and import history, batch details, the values upload and template."""

from __future__ import annotations

from pathlib import Path

import duckdb
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.data import presenters, uploads
from oversight.data.breaks import DecisionError, decide
from oversight.data.forms import DecisionForm, PoliceUploadForm, ValuesUploadForm
from oversight.data.models import Finding, PoliceUpload, ValuesBatch
from oversight.data.values_import import REJECTED, UNCHANGED, catalogue_for, import_values
from oversight.data.values_rows import COLUMNS, template_csv, template_xlsx
from oversight.data.warehouse import Warehouse, WarehouseBusy
from oversight.plans.models import Plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan() -> Plan:
    plan = Plan.objects.first()
    if plan is None:
        raise Http404("No plan is loaded yet.")
    return plan


@requires(Permission.VIEW_DATA)
def index(request: HttpRequest) -> HttpResponse:
    plan = _plan()
    context = {
        "plan": plan,
        "police": presenters.police_coverage(plan, settings.WAREHOUSE_PATH),
        "values": presenters.values_coverage(plan),
        "values_batches": presenters.values_batches(),
        "findings": presenters.plan_findings(plan),
        "may_import": request.user.can(Permission.IMPORT_DATA),
        "form": ValuesUploadForm(),
        "police_form": PoliceUploadForm(),
    }
    return render(request, "data/index.html", context)


@requires(Permission.IMPORT_DATA)
def upload(request: HttpRequest) -> HttpResponse:
    plan = _plan()
    result = None
    if request.method == "POST":
        form = ValuesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["file"]
            result = import_values(
                data=file.read(), file_name=file.name, plan=plan, by=request.user
            )
            if result.status == UNCHANGED:
                messages.info(request, result.lines()[0])
                return redirect("data:index")
            if result.status != REJECTED:
                messages.success(request, result.lines()[0])
                return redirect("data:batch", kind="values", pk=result.batch.pk)
    else:
        form = ValuesUploadForm()
    return render(
        request,
        "data/upload.html",
        {"form": form, "result": result, "columns": COLUMNS},
        status=400 if result is not None and result.status == REJECTED else 200,
    )


@requires(Permission.IMPORT_DATA)
def police_upload(request: HttpRequest) -> HttpResponse:
    """Upload police.uk files; they are imported off the request, and the person sent on to
    the progress page, which becomes the report."""
    _plan()
    form = PoliceUploadForm()
    if request.method == "POST":
        form = PoliceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = uploads.start(form.cleaned_data["files"], by=request.user)
            return redirect("data:police_upload_detail", pk=upload.pk)
    recent = PoliceUpload.objects.select_related("by")[:10]
    return render(
        request,
        "data/police_upload.html",
        {"form": form, "recent": recent},
        status=400 if form.is_bound else 200,
    )


@requires(Permission.IMPORT_DATA)
def police_upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(PoliceUpload.objects.select_related("by"), pk=pk)
    return render(request, "data/police_upload_detail.html", {"upload": upload})


@requires(Permission.VIEW_DATA)
def template(request: HttpRequest, fmt: str) -> HttpResponse:
    catalogue = catalogue_for(Plan.objects.first())
    if fmt == "csv":
        response = HttpResponse(template_csv(catalogue), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(template_xlsx(catalogue), content_type=XLSX)
    else:
        raise Http404("The template comes as .csv or .xlsx.")
    response["Content-Disposition"] = f'attachment; filename="values-template.{fmt}"'
    return response


@requires(Permission.VIEW_DATA)
def batch(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "values":
        values_batch = get_object_or_404(ValuesBatch.objects.select_related("uploaded_by"), pk=pk)
        return render(
            request,
            "data/values_batch.html",
            {"batch": values_batch, "cells": presenters.values_batch_cells(values_batch)},
        )
    if kind != "police-uk":
        raise Http404("Unknown kind of batch.")
    path = Path(settings.WAREHOUSE_PATH)
    if not path.exists():
        raise Http404("The warehouse is empty.")
    try:
        with Warehouse(path, read_only=True) as warehouse:
            found = warehouse.batches(ids=[pk])
    except (duckdb.Error, WarehouseBusy) as exc:
        return render(request, "data/busy.html", {"error": str(exc)}, status=503)
    if not found:
        raise Http404("No such import batch.")
    police_batch = found[0]
    return render(
        request,
        "data/police_batch.html",
        {"batch": police_batch, "quirks": presenters.batch_quirks(police_batch)},
    )


@requires(Permission.VIEW_DATA)
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Finding.objects.select_related("decided_by"), pk=pk)
    may_decide = request.user.can(Permission.DECIDE_BREAKS)
    status = 200
    form = DecisionForm(initial={"rebase_at": found.period})
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied("Only the Chief Constable's team decides data findings.")
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decide(
                    finding=found,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    rebase_period=form.cleaned_data["rebase_at"] or None,
                    by=request.user,
                )
            except DecisionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(
                    request,
                    f"Decision recorded on finding {found.pk}. Assess again to rate the "
                    "measures it touches.",
                )
                return redirect("data:finding", pk=found.pk)
        else:
            status = 400
    return render(
        request,
        "data/finding.html",
        {
            "view": presenters.finding_view(found),
            "form": form,
            "may_decide": may_decide and found.is_open,
        },
        status=status,
    )
