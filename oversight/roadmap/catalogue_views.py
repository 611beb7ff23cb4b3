"""Pages of the planning catalogues: lists, an item's page and form, delete, export, import.

Who may change what is decided by `catalogues` (the services); these pages only echo it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import requires
from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Permission, Role
from oversight.core.forms import show_refusal
from oversight.core.tables import Rejected
from oversight.plans.models import Plan
from oversight.roadmap import catalogue_presenters as present
from oversight.roadmap import catalogues
from oversight.roadmap.catalogue_forms import CatalogueUploadForm, ItemForm
from oversight.roadmap.catalogue_import import import_file
from oversight.roadmap.catalogue_rows import column_help, to_csv, to_xlsx
from oversight.roadmap.catalogues import CATALOGUES, Catalogue
from oversight.roadmap.models.links import LinkItem

MAX_UPLOAD = 5 * 1024 * 1024  # as the roadmap's own upload


def _plan() -> Plan:
    plan = Plan.objects.first()
    if plan is None:
        raise Http404("No plan is loaded yet.")
    return plan


def _catalogue(kind: str) -> Catalogue:
    catalogue = catalogues.catalogue_for(kind)
    if catalogue is None:
        raise Http404("No such catalogue.")
    return catalogue


def _item(catalogue: Catalogue, plan: Plan, code: str) -> LinkItem:
    return get_object_or_404(
        catalogue.model.objects.select_related("organisation"), plan=plan, code=code
    )


def _own_organisation(user: User) -> Organisation | None:
    """Return the organisation a partner's items stay with; None for everyone else."""
    return user.organisation if user.role == Role.PARTNER else None


@requires(Permission.VIEW_ROADMAP)
def index(request: HttpRequest) -> HttpResponse:
    plan = _plan()
    return render(
        request,
        "roadmap/catalogue_index.html",
        {
            "plan": plan,
            "summaries": present.summaries(plan, request.user),
            "may_edit": request.user.can(Permission.EDIT_ROADMAP),
        },
    )


@requires(Permission.VIEW_ROADMAP)
def catalogue_list(request: HttpRequest, kind: str) -> HttpResponse:
    plan = _plan()
    catalogue = _catalogue(kind)
    return render(
        request,
        "roadmap/catalogue_list.html",
        {
            "plan": plan,
            "catalogue": catalogue,
            "rows": present.item_rows(catalogue, plan),
            "may_add": catalogues.may_add(request.user, catalogue),
        },
    )


def _detail(
    request: HttpRequest,
    catalogue: Catalogue,
    item: LinkItem,
    *,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    plan = item.plan
    return render(
        request,
        "roadmap/catalogue_detail.html",
        {
            "catalogue": catalogue,
            "item": item,
            "row": present.item_row(
                catalogue, item, plan, len(catalogues.linked_activities(catalogue, item))
            ),
            "plan_years": plan.year_labels,
            "activities": catalogues.linked_activities(catalogue, item),
            "history": present.history(item, plan),
            "may_change": catalogues.may_change(request.user, catalogue, item.organisation),
            "refused": refused,
        },
        status=status,
    )


@requires(Permission.VIEW_ROADMAP)
def item_detail(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    catalogue = _catalogue(kind)
    return _detail(request, catalogue, _item(catalogue, _plan(), code))


def _save(
    request: HttpRequest, catalogue: Catalogue, plan: Plan, item: LinkItem | None
) -> HttpResponse:
    own = _own_organisation(request.user)
    options = {"catalogue": catalogue, "plan": plan, "fixed_organisation": own}
    status = 200
    if request.method == "POST":
        form = ItemForm(request.POST, **options)
        if form.is_valid():
            try:
                if item is None:
                    item = catalogues.create_item(
                        model=catalogue.model, plan=plan, values=form.values, by=request.user
                    )
                    messages.success(request, f"Added {item.code} to the {catalogue.title}.")
                elif catalogues.update_item(item=item, values=form.values, by=request.user):
                    messages.success(request, f"Saved {item.code}: version {item.version}.")
                else:
                    messages.info(request, f"{item.code} was already so; nothing changed.")
                return redirect("roadmap:catalogue_item", kind=catalogue.slug, code=item.code)
            except (ValidationError, PermissionDenied) as exc:
                status = show_refusal(form, exc)
        else:
            status = 403 if form.refused else 400
    elif item is not None:
        form = ItemForm(initial=ItemForm.initial_from(item), **options)
    else:
        form = ItemForm(initial={"order": 0}, **options)
    return render(
        request,
        "roadmap/catalogue_form.html",
        {
            "form": form,
            "catalogue": catalogue,
            "item": item,
            "own_organisation": own,
            # Said before the form is filled in, not only once it is refused.
            "warning": ""
            if catalogues.may_add(request.user, catalogue)
            else _refusal(request, catalogue, own),
        },
        status=status,
    )


def _refusal(request: HttpRequest, catalogue: Catalogue, owner: Organisation | None) -> str:
    reason = catalogues.refusal(request.user, catalogue, owner) or ""
    return reason[:1].upper() + reason[1:] + ("." if reason else "")


@requires(Permission.EDIT_ROADMAP)
def item_create(request: HttpRequest, kind: str) -> HttpResponse:
    return _save(request, _catalogue(kind), _plan(), None)


@requires(Permission.EDIT_ROADMAP)
def item_edit(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    catalogue = _catalogue(kind)
    item = _item(catalogue, _plan(), code)
    if not catalogues.may_change(request.user, catalogue, item.organisation):
        raise PermissionDenied(_refusal(request, catalogue, item.organisation))
    return _save(request, catalogue, item.plan, item)


@requires(Permission.EDIT_ROADMAP)
@require_POST
def item_delete(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    catalogue = _catalogue(kind)
    item = _item(catalogue, _plan(), code)
    try:
        catalogues.delete_item(item=item, by=request.user)
    except ValidationError as exc:
        return _detail(request, catalogue, item, refused=" ".join(exc.messages), status=400)
    except PermissionDenied as exc:
        return _detail(request, catalogue, item, refused=str(exc), status=403)
    messages.success(request, f"Deleted {item.code} from the {catalogue.title}.")
    return redirect("roadmap:catalogue_list", kind=catalogue.slug)


@requires(Permission.VIEW_ROADMAP)
def export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("csv", "xlsx"):
        raise Http404("Export as csv or xlsx.")
    kind = request.GET.get("kind")
    chosen = [_catalogue(kind)] if kind else list(CATALOGUES)
    name = f"catalogue-{kind}" if kind else "catalogues"
    plan = _plan()
    if fmt == "csv":
        response = HttpResponse(to_csv(plan, chosen), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(plan, chosen),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@requires(Permission.EDIT_ROADMAP)
def upload(request: HttpRequest) -> HttpResponse:
    plan = _plan()
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    errors = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > MAX_UPLOAD:
            form.add_error("file", "The file is larger than 5 MB.")
        else:
            try:
                result = import_file(
                    plan=plan, data=upload_file.read(), filename=upload_file.name, by=request.user
                )
            except Rejected as exc:
                errors = exc.errors
    return render(
        request,
        "roadmap/catalogue_import.html",
        {
            "form": form,
            "errors": errors,
            "sheets": any(getattr(e, "sheet", "") for e in errors),
            "result": result,
            "columns": column_help(plan),
            "catalogues": CATALOGUES,
        },
    )
