"""Named personas, one per role, built the way the demo builds them."""

from oversight.accounts.models import Organisation, User
from oversight.accounts.services import ensure_organisation, ensure_user

PASSWORD = "correct-horse-battery-staple"


def organisation(slug: str = "newport-council", name: str = "Newport City Council") -> Organisation:
    """Return a partner organisation."""
    return ensure_organisation(name=name, slug=slug, kind=Organisation.Kind.COUNCIL, by=None)


def persona(role: str, username: str | None = None, org: Organisation | None = None) -> User:
    """Return a user with `role`; partners get an organisation."""
    if role == "partner" and org is None:
        org = organisation()
    user, _ = ensure_user(
        username=username or role,
        password=PASSWORD,
        role=role,
        first_name=role.replace("_", " ").title(),
        organisation=org,
        by=None,
    )
    return user
