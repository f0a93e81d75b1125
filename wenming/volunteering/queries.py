"""Permission-aware reads of the volunteering app."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from wenming.people.permissions import is_admin

from . import rules as rules_mod
from .choices import LIVE_MEMBERSHIP, EntryStatus, MembershipStatus
from .hours import CENT, ZERO
from .hours import star_level as _star_level
from .models import HoursEntry, Membership, OrgAdmin, Organisation, Volunteer


def volunteer_of(user) -> Volunteer | None:
    if not user or not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user).first()


def _admin_org_ids(user) -> set[int]:
    cache = getattr(user, "_vol_admin_orgs", None)
    if cache is None:
        cache = set(OrgAdmin.objects.filter(user=user).values_list("organisation_id", flat=True))
        user._vol_admin_orgs = cache
    return cache


def can_manage(user, org: Organisation | None) -> bool:
    """A platform admin, or an admin of ``org`` or of an organisation above it."""
    if not user or not user.is_authenticated or not user.is_active or org is None:
        return False
    if is_admin(user):
        return True
    mine = _admin_org_ids(user)
    return org.pk in mine or any(a.pk in mine for a in org.ancestors())


def can_approve_for(user, team: Organisation) -> bool:
    """Hours past the counted cap and back-fills are approved by the team's parent organisation."""
    if team.parent_id is None:
        return bool(user and user.is_authenticated and is_admin(user))
    return can_manage(user, team.parent)


def managed_org_ids(user) -> set[int]:
    """Ids of every organisation ``user`` manages (their own and everything below)."""
    if not user or not user.is_authenticated:
        return set()
    if is_admin(user):
        return set(Organisation.objects.values_list("pk", flat=True))
    roots = _admin_org_ids(user)
    if not roots:
        return set()
    children: dict[int, list[int]] = {}
    for pk, parent in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    out, stack = set(), list(roots)
    while stack:
        pk = stack.pop()
        if pk not in out:
            out.add(pk)
            stack.extend(children.get(pk, []))
    return out


def teams_administered(user):
    return Organisation.objects.filter(pk__in=managed_org_ids(user)).order_by("id")


def is_staff_of_any(user) -> bool:
    return bool(user and user.is_authenticated and (is_admin(user) or _admin_org_ids(user)))


def my_teams(volunteer: Volunteer):
    return Membership.objects.filter(volunteer=volunteer, status__in=LIVE_MEMBERSHIP).select_related("organisation")


def active_member(volunteer: Volunteer, org: Organisation) -> bool:
    return Membership.objects.filter(volunteer=volunteer, organisation=org, status=MembershipStatus.ACTIVE).exists()


def _cents(value) -> Decimal:
    # SQLite's SUM drops trailing zeros (1.5 for 1.50): hours always show two places.
    return (value or ZERO).quantize(CENT)


def _sum(qs) -> Decimal:
    return _cents(qs.aggregate(s=Sum("hours"))["s"])


def _year(qs, year):
    return qs.filter(day__gte=date(year, 1, 1), day__lte=date(year, 12, 31)) if year else qs


def counted_hours(volunteer, *, year: int | None = None, until: date | None = None) -> Decimal:
    qs = _year(HoursEntry.objects.filter(volunteer=volunteer, status=EntryStatus.COUNTED), year)
    if until:
        qs = qs.filter(day__lte=until)
    return _sum(qs)


def pending_hours(volunteer, *, year: int | None = None) -> Decimal:
    return _sum(_year(HoursEntry.objects.filter(volunteer=volunteer, status=EntryStatus.PENDING), year))


def star_level(hours: Decimal) -> int:
    return _star_level(hours, rules_mod.current())


@dataclass(frozen=True)
class HoursRow:
    volunteer_id: int
    label: str
    name: str
    hours: Decimal
    pending: Decimal
    stars: int


def year_rows(year: int, *, org_ids=None) -> list[HoursRow]:
    """One row per volunteer with a ledger line (a record) in ``year``: three SQL aggregates."""
    end = date(year, 12, 31)
    in_year = Q(day__gte=date(year, 1, 1), day__lte=end)
    qs = HoursEntry.objects.all()
    if org_ids is not None:
        qs = qs.filter(attendance__session__project__team_id__in=list(org_ids))
    sums = (
        qs.filter(in_year)
        .values("volunteer_id")
        .annotate(
            counted=Sum("hours", filter=Q(status=EntryStatus.COUNTED)),
            pending=Sum("hours", filter=Q(status=EntryStatus.PENDING)),
        )
    )
    sums = {r["volunteer_id"]: r for r in sums}
    # A volunteer with a record whose hours are all zero (no end yet) still has a row.
    from .models import Attendance

    att = Attendance.objects.filter(day__gte=date(year, 1, 1), day__lte=end)
    if org_ids is not None:
        att = att.filter(session__project__team_id__in=list(org_ids))
    ids = set(sums) | set(att.values_list("volunteer_id", flat=True).distinct())
    totals = dict(
        HoursEntry.objects.filter(volunteer_id__in=ids, status=EntryStatus.COUNTED, day__lte=end)
        .values("volunteer_id")
        .annotate(s=Sum("hours"))
        .values_list("volunteer_id", "s")
    )
    labels = {
        pk: (ext or number or str(pk), name)
        for pk, ext, number, name in Volunteer.objects.filter(pk__in=ids).values_list(
            "pk", "user__external_id", "number", "real_name"
        )
    }
    rules = rules_mod.current()
    rows = []
    for pk in ids:
        row = sums.get(pk, {})
        label, name = labels[pk]
        rows.append(
            HoursRow(
                pk, label, name, _cents(row.get("counted")), _cents(row.get("pending")),
                _star_level(totals.get(pk) or ZERO, rules),
            )
        )
    rows.sort(key=lambda r: r.label)
    return rows


def low_hours(year: int, *, org_ids=None) -> list[HoursRow]:
    """Volunteers of the year whose counted hours stay under the yearly minimum (flagged to the team)."""
    minimum = rules_mod.current().yearly_minimum
    rows = [r for r in year_rows(year, org_ids=org_ids) if r.hours < minimum]
    if org_ids is not None:
        # Members with no record at all in the year served 0 hours: flagged too.
        seen = {r.volunteer_id for r in rows} | {r.volunteer_id for r in year_rows(year, org_ids=org_ids)}
        idle = (Volunteer.objects.filter(memberships__organisation_id__in=list(org_ids),
                                         memberships__status=MembershipStatus.ACTIVE)
                .exclude(pk__in=seen).distinct().values_list("pk", "user__external_id", "number", "real_name"))
        rows += [HoursRow(pk, ext or number or str(pk), name, ZERO.quantize(CENT), ZERO.quantize(CENT), 0)
                 for pk, ext, number, name in idle]
    return rows
