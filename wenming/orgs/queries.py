"""Reads about units: the tree, the year's targets and how a count of followers stands against them,
work-group membership.

orgs is the lower of orgs and people: it imports nothing from people. Followers are people's
group choices, so people counts them (``people.queries.followers_now`` / ``followers_at`` /
``standings``) and hands the counts to ``target_standings`` here; people in turn reads units only
through this module and ``orgs.actions``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from .choices import UnitKind
from .models import FollowerTarget, Unit, WorkGroupMembership
from .targets import completion, required_followers, target_met

# Provinces, cities and counties are containers: people join a town, village or organisation.
GROUPLESS_KINDS = (UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COUNTY)


def units():
    """Every unit, as a queryset to filter: how the apps above orgs look units up."""
    return Unit.objects.all()


def is_unit(obj) -> bool:
    return isinstance(obj, Unit)


def joinable_units():
    """Active non-root units a citizen may join (not a province, city or county), each with its
    parent, in the tree's order."""
    return (
        Unit.objects.filter(is_active=True, parent__isnull=False)
        .exclude(kind__in=GROUPLESS_KINDS)
        .select_related("parent")
        .order_by("parent__sort_order", "parent_id", "sort_order", "id")
    )


@dataclass(frozen=True)
class Standing:
    unit: Unit
    target: FollowerTarget | None
    followers: int
    required: int | None
    met: bool
    percent: Decimal | None


def target_standings(units, year: int, followers: dict[int, int]) -> list[Standing]:
    """Each unit's ``followers`` (unit id → count) against its target for ``year``, in one query
    whatever the number of units."""
    units = list(units)
    targets = {t.unit_id: t for t in FollowerTarget.objects.filter(unit_id__in=[u.pk for u in units], year=year)}
    rows = []
    for unit in units:
        target = targets.get(unit.pk)
        n = followers.get(unit.pk, 0)
        needed = required_followers(target, unit.headcount) if target else None
        rows.append(
            Standing(
                unit=unit,
                target=target,
                followers=n,
                required=needed,
                met=bool(target) and target_met(target, n, unit.headcount),
                percent=completion(n, needed),
            )
        )
    return rows


def in_work_group(person, group, on) -> bool:
    """Was ``person`` a member of ``group`` on date ``on`` (joined by then and not yet left)?"""
    return (
        WorkGroupMembership.objects.filter(group=group, person=person, joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .exists()
    )
