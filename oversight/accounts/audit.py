"""Writing and reading the audit trail; every service that changes data calls `record`."""

import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from oversight.accounts.models import AuditEvent, User


def state_of(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Return a JSON-safe dict of a model instance's concrete fields (or just `fields`)."""
    names = list(fields) if fields is not None else [f.attname for f in obj._meta.concrete_fields]
    raw = {name: getattr(obj, name) for name in names}
    return json.loads(json.dumps(raw, cls=DjangoJSONEncoder))


def record(
    *,
    by: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Write one audit event; `obj` fills the object's type, id and description."""
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    return AuditEvent.objects.create(
        actor=by if (by is not None and by.pk) else None,
        actor_name=by.display_name if (by is not None and by.pk) else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        before=_json_safe(before),
        after=_json_safe(after),
        note=note,
    )


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Return the fields whose values differ between two states."""
    keys = set(before) | set(after)
    return {k: (before.get(k), after.get(k)) for k in sorted(keys) if before.get(k) != after.get(k)}


def _json_safe(value: Any) -> Any:
    return None if value is None else json.loads(json.dumps(value, cls=DjangoJSONEncoder))
