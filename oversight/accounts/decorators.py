"""View decorators that state who may see a view; a convention test checks every URL has one."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from oversight.accounts.permissions import Permission

View = Callable[..., HttpResponse]


def requires(permission: Permission) -> Callable[[View], View]:
    """Let a view run only for a signed-in user whose role grants `permission`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.can(permission):
                raise PermissionDenied(f"Your role does not allow this ({permission.value}).")
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorate


def public(view: View) -> View:
    """Mark a view as open to everyone, including the anonymous public."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Let a view run for any signed-in user (it must then scope what it shows by role)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.required_permission = "signed-in"  # type: ignore[attr-defined]
    return wrapped
