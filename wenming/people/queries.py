"""Reads about people: the group picker, followers (people's group choices counted per unit, now
or at any past instant) and how they stand against the units' targets.

Units are read through ``orgs.queries`` only: orgs is the lower app and knows nothing of people.
"""

from datetime import datetime
from itertools import groupby

from django.db.models import Count, Exists, OuterRef

from wenming.orgs.queries import Standing, joinable_units, target_standings

from .models import GroupChoice, User


def choosable_groups():
    """Active non-root units a citizen may join, grouped under their parent for the picker."""
    return [(parent, list(items)) for parent, items in groupby(joinable_units(), key=lambda u: u.parent)]


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


def standings(units, year: int, *, instant: datetime | None = None) -> list[Standing]:
    """Followers vs the year's target for each unit, in two queries whatever the number of units."""
    units = list(units)
    ids = [u.pk for u in units]
    counts = followers_at(instant, ids) if instant else followers_now(ids)
    return target_standings(units, year, counts)
