"""Reads about units: follower counts now and at any past instant, target standing."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef

from wenming.people.models import GroupChoice, User

from .models import FollowerTarget, Unit
from .targets import completion, required_followers, target_met


def units():
    """Every unit, as a queryset to filter: how the apps above orgs look units up."""
    return Unit.objects.all()


def followers_now(unit_ids=None) -> dict[int, int]:
    """Current followers per unit, from each person's choice in force now."""
    qs = User.objects.filter(group__isnull=False, is_active=True)
    if unit_ids is not None:
        qs = qs.filter(group_id__in=list(unit_ids))
    return dict(qs.values_list("group_id").annotate(n=Count("id")).values_list("group_id", "n"))


def followers_at(instant: datetime, unit_ids=None) -> dict[int, int]:
    """Followers per unit at ``instant``: each person counts where their last choice up to then was."""
    later = GroupChoice.objects.filter(
        person_id=OuterRef("person_id"), chosen_at__lte=instant, chosen_at__gt=OuterRef("chosen_at")
    )
    qs = GroupChoice.objects.filter(chosen_at__lte=instant).exclude(Exists(later))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return dict(qs.values_list("unit_id").annotate(n=Count("person_id", distinct=True)).values_list("unit_id", "n"))


def unit_of_person_at(person_id: int, instant: datetime) -> int | None:
    """The unit whose group the person was in at ``instant`` (None when in no group)."""
    return (
        GroupChoice.objects.filter(person_id=person_id, chosen_at__lte=instant)
        .order_by("-chosen_at", "-id")
        .values_list("unit_id", flat=True)
        .first()
    )


@dataclass(frozen=True)
class Standing:
    unit: Unit
    target: FollowerTarget | None
    followers: int
    required: int | None
    met: bool
    percent: Decimal | None


def standings(units, year: int, *, instant: datetime | None = None) -> list[Standing]:
    """Followers vs the year's target for each unit, in two queries whatever the number of units."""
    units = list(units)
    ids = [u.pk for u in units]
    counts = followers_at(instant, ids) if instant else followers_now(ids)
    targets = {t.unit_id: t for t in FollowerTarget.objects.filter(unit_id__in=ids, year=year)}
    rows = []
    for unit in units:
        target = targets.get(unit.pk)
        n = counts.get(unit.pk, 0)
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
    from django.db.models import Q

    from .models import WorkGroupMembership

    return (
        WorkGroupMembership.objects.filter(group=group, person=person, joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .exists()
    )
