"""The home page: every signed-in person's "this month", scoped by what their role may do."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import signed_in
from oversight.home.forms import DeliveryForm
from oversight.home.presenters import home_page
from oversight.notifications import services as notifications
from oversight.notifications.models import Delivery


def _page(request: HttpRequest, form: DeliveryForm | None = None) -> HttpResponse:
    page = home_page(request.user, today=timezone.localdate())
    form = form or DeliveryForm(auto_id="delivery-%s", initial={"delivery": page.delivery})
    context = {"page": page, "delivery_form": form}
    return render(request, "home/home.html", context, status=400 if form.is_bound else 200)


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    return _page(request)


@signed_in
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    count = notifications.mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked read.")
    return redirect(reverse("home:home") + "#notifications")


@signed_in
@require_POST
def delivery(request: HttpRequest) -> HttpResponse:
    form = DeliveryForm(request.POST, auto_id="delivery-%s")
    if not form.is_valid():
        return _page(request, form)
    choice = form.cleaned_data["delivery"]
    notifications.set_delivery(user=request.user, delivery=choice, by=request.user)
    messages.success(request, f"Notifications: {Delivery(choice).label.lower()}.")
    return redirect(reverse("home:home") + "#notifications")
