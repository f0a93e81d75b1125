from django.core.exceptions import PermissionDenied

from wenming.people.permissions import can


class BriefingError(Exception):
    """An act the state of a manuscript or an issue does not allow (message in Chinese)."""


def require(actor, action: str, *objs) -> None:
    """``actor`` may do ``action`` on every object given (a unit, or anything with ``unit``)."""
    for obj in objs:
        if not can(actor, action, obj):
            raise PermissionDenied
