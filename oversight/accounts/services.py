"""Writes to users and organisations, each audited."""

from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Permission, Role

USER_FIELDS = ("username", "first_name", "last_name", "role", "organisation_id", "job_title",
               "is_active", "is_staff", "is_superuser")  # fmt: skip


@transaction.atomic
def ensure_organisation(*, name: str, slug: str, kind: str, by: User | None) -> Organisation:
    """Return the organisation with this slug, creating it (audited) if needed."""
    org, created = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind}
    )
    if created:
        audit.record(by=by, action="organisation.created", obj=org, after=audit.state_of(org))
    return org


@transaction.atomic
def ensure_user(
    *,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    organisation: Organisation | None = None,
    by: User | None,
) -> tuple[User, bool]:
    """Create the user if missing (audited); an existing user keeps its password."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    if role == Role.PARTNER and organisation is None:
        raise ValueError("A partner must belong to an organisation.")
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        role=role,
        job_title=job_title,
        organisation=organisation,
    )
    # Only administrators reach the Django admin; the site checks the role as well.
    admin = Permission.ADMINISTER in user.permissions
    user.is_staff = admin
    user.is_superuser = admin
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(by=by, action="user.created", obj=user, after=audit.state_of(user, USER_FIELDS))
    return user, True
