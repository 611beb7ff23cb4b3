"""The audit log, for administrators and the Commissioner's team."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.accounts.decorators import requires
from oversight.accounts.models import AuditEvent
from oversight.accounts.permissions import Permission


@requires(Permission.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "").strip()
    object_type = request.GET.get("object_type", "").strip()
    actor = request.GET.get("actor", "").strip()
    if action:
        events = events.filter(action__icontains=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if actor:
        events = events.filter(actor_name__icontains=actor)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    object_types = AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()
    return render(
        request,
        "accounts/audit_log.html",
        {
            "page": page,
            "action": action,
            "object_type": object_type,
            "actor": actor,
            "object_types": sorted(set(object_types)),
        },
    )
