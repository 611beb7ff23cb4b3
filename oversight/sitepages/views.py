"""The site pages: read by the public at /public/<kind>/, written by the Commissioner's team."""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.core.forms import save_form
from oversight.roadmap.services import current_terms
from oversight.sitepages import services
from oversight.sitepages.defaults import PLACEHOLDERS, suggested
from oversight.sitepages.forms import PageForm
from oversight.sitepages.models import WELSH_NAMES, Kind, SitePage

# A page's Welsh reading is its /cy/ address; ?iaith=cy, the first way to ask, leads there.
WELSH = "cy"


def _kind(kind: str) -> Kind:
    if kind not in Kind.values:
        raise Http404(f"No site page {kind!r}")
    return Kind(kind)


@public
def page(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    if request.GET.get("iaith") == WELSH and get_language() != WELSH:
        with override(WELSH):
            return redirect(reverse(f"sitepages:{kind.value}"))
    return render(
        request,
        "sitepages/page.html",
        {
            "kind": kind,
            "welsh_name": WELSH_NAMES[kind],
            "page": SitePage.objects.filter(kind=kind).first(),
            "welsh": get_language() == WELSH,
        },
    )


@public
def terms(request: HttpRequest) -> HttpResponse:
    """The Joint Planning Board's terms of reference: the version the Strategic Board approved.

    Drafts and proposed versions are never public.
    """
    return render(request, "sitepages/terms.html", {"terms": current_terms()})


@public
def brand_css(request: HttpRequest) -> HttpResponse:
    """Serve the Commissioner's colour as a stylesheet (the policy allows no inline styles)."""
    response = HttpResponse(
        f":root {{ --brand: {settings.BRAND_COLOUR}; }}\n", content_type="text/css; charset=utf-8"
    )
    # Linked with a digest of the colour in its address, so a new colour is a new address.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _welsh_url(kind: Kind) -> str:
    with override(WELSH):
        return reverse(f"sitepages:{kind.value}")


@requires(Permission.EDIT_SITE_PAGES)
def index(request: HttpRequest) -> HttpResponse:
    found = {p.kind: p for p in SitePage.objects.select_related("updated_by")}
    rows = [
        (kind, WELSH_NAMES[kind], found.get(kind), reverse(f"sitepages:{kind.value}"))
        for kind in Kind
    ]
    return render(request, "sitepages/index.html", {"rows": rows})


def _initial(kind: Kind, page: SitePage | None) -> dict[str, object]:
    if page is not None:
        return {name: getattr(page, name) for name in services.FIELDS}
    text = suggested(
        kind,
        name=settings.COMMISSIONER_NAME,
        name_cy=settings.COMMISSIONER_NAME_CY,
        site_url=settings.SITE_URL,
        contact=PLACEHOLDERS,
        prepared=timezone.localdate(),
    )
    return {**asdict(text), "welsh_reviewed": False}


@requires(Permission.EDIT_SITE_PAGES)
def edit(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    page = SitePage.objects.filter(kind=kind).first()
    form = PageForm(request.POST or None, initial=_initial(kind, page))

    def save(data: dict[str, object]) -> object:
        return services.save_page(kind=kind, by=request.user, **data)

    if request.method == "POST" and save_form(form, save):
        messages.success(request, f"{kind.label} saved and published.")
        return redirect("sitepages_edit:index")
    context = {
        "kind": kind,
        "page": page,
        "form": form,
        "welsh_name": WELSH_NAMES[kind],
        "public_url": reverse(f"sitepages:{kind.value}"),
        "welsh_url": _welsh_url(kind),
    }
    status = 400 if form.is_bound else 200
    return render(request, "sitepages/edit.html", context, status=status)
