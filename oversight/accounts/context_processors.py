"""Template context: the current user's permissions, for showing only what they may use."""

from django.http import HttpRequest

from oversight.accounts.permissions import Permission


def permissions(request: HttpRequest) -> dict[str, object]:
    """Expose `perms_of_user` (a set of permission values) and the Permission enum."""
    user = getattr(request, "user", None)
    granted = user.permissions if (user is not None and user.is_authenticated) else frozenset()
    return {"user_perms": {p.value for p in granted}, "P": {p.name: p.value for p in Permission}}
