"""Permission-aware reads for assessment pages."""

from django.db.models import Q
from django.utils import timezone

from wenming.core.periods import Month
from wenming.orgs.models import Unit
from wenming.people.permissions import can, is_admin, scope_units

from .models import Bulletin, Enrollment, Scheme


def default_month() -> Month:
    """The month a bulletin is usually made for: the one that just ended."""
    return Month.of(timezone.now()).prev()


def console_schemes(user) -> list[Scheme]:
    """Schemes whose whole bulletin the user may see: admins, and staff whose scope covers the region."""
    # A scheme rolled into a later year goes last: the console opens on the year in force.
    schemes = sorted(
        Scheme.objects.select_related("region").order_by("slug"), key=lambda s: "superseded_on" in (s.params or {})
    )
    if is_admin(user):
        return schemes
    return [
        s for s in schemes if s.region is not None and (can(user, "review", s.region) or can(user, "moderate", s.region))
    ]


def may_view_bulletin(user, scheme: Scheme) -> bool:
    return scheme in console_schemes(user)


def may_publish(user, scheme: Scheme) -> bool:
    return bool(user.is_authenticated and can(user, "publish", scheme.region))


def published_versions(scheme: Scheme, month: Month):
    return Bulletin.objects.filter(scheme=scheme, year=month.year, month=month.month).order_by("-version")


def recent_bulletins(scheme: Scheme, limit: int = 24):
    return Bulletin.objects.filter(scheme=scheme).select_related("published_by").order_by("-year", "-month", "-version")[
        :limit
    ]


def latest_for_unit(unit: Unit) -> tuple[Bulletin, dict] | None:
    """The newest published bulletin (latest month, then latest version) that ranks ``unit``."""
    scheme_ids = Enrollment.objects.filter(unit=unit).values_list("scheme_id", flat=True)
    for bulletin in Bulletin.objects.filter(scheme_id__in=scheme_ids).select_related("scheme").order_by(
        "-year", "-month", "-version"
    )[:12]:
        row = bulletin_row(bulletin, unit.pk)
        if row is not None:
            return bulletin, row
    return None


def bulletin_row(bulletin: Bulletin, unit_id: int) -> dict | None:
    return next((r for r in bulletin.data["rows"] if r["unit_id"] == unit_id), None)


def own_enrolled_units(user):
    """Units the user acts for (liaison, leader, or scoped staff) that are enrolled in a scheme."""
    if not user.is_authenticated:
        return Unit.objects.none()
    mine = Q(liaison=user) | Q(leader=user)
    scoped = scope_units(user, "view_unit").values("pk")
    return (
        Unit.objects.filter(mine | Q(pk__in=scoped), enrollments__isnull=False)
        .exclude(kind__in=["province", "city", "county"])
        .distinct()
        .order_by("sort_order", "id")
    )


def enrollments_of(unit: Unit):
    """The unit's enrolments in the schemes in force (not those rolled into a later year)."""
    return (
        Enrollment.objects.filter(unit=unit)
        .exclude(scheme__params__has_key="superseded_on")
        .select_related("scheme")
        .order_by("scheme__slug")
    )


def units_for(user, scheme: Scheme, action: str):
    """Enrolled units of ``scheme`` on which the user may perform ``action`` (all of them for admins).

    ``manage_unit`` for reporting materials (a liaison: their own unit), ``review`` for scoring.
    """
    units = Unit.objects.filter(enrollments__scheme=scheme).order_by("sort_order", "id")
    if is_admin(user):
        return units
    return units.filter(pk__in=scope_units(user, action).values("pk"))
