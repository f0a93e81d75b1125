"""What every write path of the selection shares: the permission check and the row lock."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wenming.orgs.models import Unit
from wenming.people.permissions import can

from ..choices import LEVEL_VALUES
from ..models import Nomination


def _require(actor, action: str, obj) -> None:
    if not can(actor, action, obj):
        raise PermissionDenied(_("您没有权限执行此操作。"))


def _lock(nomination: Nomination) -> Nomination:
    # State changes read-then-write the status: lock the row so two reviewers cannot both act.
    return Nomination.objects.select_for_update().select_related("campaign", "region").get(pk=nomination.pk)


def region_level(unit: Unit) -> str | None:
    return unit.kind if unit.kind in LEVEL_VALUES else None
