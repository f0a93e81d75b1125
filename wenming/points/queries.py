"""Reads of the ledger: totals, breakdowns, rankings and explanations. Totals are SQL aggregates.

Public interface (docs/contracts.md §Points): ``unit_totals``, ``unit_breakdown``, ``person_total``,
``is_frozen``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from wenming.core.periods import Month

from .choices import EntryKind
from .models import Entry, FrozenMonth
from .periods import as_month, period_of, resolve_scheme

ZERO = Decimal("0")
# The ledger's scale. SQLite sums decimals as binary floats: quantizing to the stored scale gives
# back the exact sum (0.05 × 3 = 0.15, never 0.15000000000000002).
SCALE = Decimal("0.0001")


def exact(value) -> Decimal:
    return ZERO if value is None else Decimal(value).quantize(SCALE)
# Earned points: what rules and staff gave. Redemptions spend them (balance), never lower a rank.
EARNED = Q(kind__in=[EntryKind.RULE, EntryKind.ADJUSTMENT])


def _period_filter(month=None, year: int | None = None) -> Q:
    if month is not None:
        return Q(period=period_of(as_month(month)))
    if year is not None:
        return Q(period__year=year)
    return Q()


def unit_totals(scheme, month) -> dict[int, Decimal]:
    """Points of each unit in ``month`` (rule entries and adjustments), keyed by unit id."""
    scheme = resolve_scheme(scheme)
    rows = (
        Entry.objects.filter(EARNED, _period_filter(month), scheme=scheme, unit__isnull=False)
        .values_list("unit_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {unit_id: exact(total) for unit_id, total in rows}


def unit_breakdown(scheme, month) -> dict[int, dict[str, Decimal]]:
    """Points of each unit in ``month`` split by rule id (adjustments under ``adjust``)."""
    scheme = resolve_scheme(scheme)
    rows = (
        Entry.objects.filter(EARNED, _period_filter(month), scheme=scheme, unit__isnull=False)
        .values_list("unit_id", "rule")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    out: dict[int, dict[str, Decimal]] = {}
    for unit_id, rule, total in rows:
        out.setdefault(unit_id, {})[rule] = exact(total)
    return out


def person_total(person, month=None) -> Decimal:
    """Points a person earned in ``month`` (all time when None), over every scheme."""
    person_id = getattr(person, "pk", person)
    return exact(Entry.objects.filter(EARNED, _period_filter(month), person_id=person_id).aggregate(t=Sum("amount"))["t"])


def person_balance(person) -> Decimal:
    """What a person can still redeem: everything earned minus redemptions (refunds included)."""
    person_id = getattr(person, "pk", person)
    return exact(Entry.objects.filter(person_id=person_id).aggregate(t=Sum("amount"))["t"])


def is_frozen(scheme, month) -> bool:
    scheme = resolve_scheme(scheme)
    return FrozenMonth.objects.filter(scheme=scheme, period=period_of(as_month(month))).exists()


def person_totals(scheme, month=None, *, year: int | None = None, unit_ids=None) -> dict[int, Decimal]:
    """Points of each person (keyed by user id) for a month or a year in a scheme."""
    scheme = resolve_scheme(scheme)
    qs = Entry.objects.filter(EARNED, _period_filter(month, year), scheme=scheme, person__isnull=False)
    if unit_ids is not None:
        # "People within a unit": the members of the unit's community group now.
        qs = qs.filter(person__group_id__in=list(unit_ids))
    rows = qs.values_list("person_id").annotate(total=Sum("amount")).order_by().values_list("person_id", "total")
    return {person_id: exact(total) for person_id, total in rows}


@dataclass(frozen=True)
class Ranked:
    rank: int
    subject_id: int
    points: Decimal


def rank(totals: dict[int, Decimal]) -> list[Ranked]:
    """Competition ranking (1, 2, 2, 4): equal points share a rank."""
    rows = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[Ranked] = []
    previous = None
    current_rank = 0
    for index, (subject_id, points) in enumerate(rows, start=1):
        if points != previous:
            current_rank, previous = index, points
        out.append(Ranked(current_rank, subject_id, points))
    return out


def month_entries(scheme, month: Month, *, unit=None, person=None):
    """Every entry of a unit or a person in a month, oldest first, for explanations."""
    scheme = resolve_scheme(scheme)
    qs = Entry.objects.filter(period=period_of(as_month(month))).filter(Q(scheme=scheme) | Q(scheme__isnull=True))
    if unit is not None:
        qs = qs.filter(unit=unit)
    if person is not None:
        qs = qs.filter(person=person)
    return qs.select_related("event", "ruleset").order_by("event__at", "created_at", "id")


# ---------------------------------------------------------------- rankings (from the cached totals)


def _totals_qs(scheme, month=None, year=None):
    from .models import Total

    scheme = resolve_scheme(scheme)
    qs = Total.objects.filter(scheme=scheme)
    return qs.filter(period=period_of(as_month(month))) if month is not None else qs.filter(period__year=year)


def leaderboard(scheme, *, month=None, year=None, by: str = "unit", unit_ids=None, limit: int = 50) -> list[Ranked]:
    """Top subjects of a month (or a year), ranked with shared ranks for ties.

    ``by="person"`` with ``unit_ids`` ranks the members of those units' groups ("people within a
    unit"); ``by="unit"`` ranks the units of the scheme ("units within the city").
    """
    qs = _totals_qs(scheme, month, year)
    if by == "unit":
        qs = qs.filter(unit__isnull=False)
        column = "unit_id"
    else:
        qs = qs.filter(person__isnull=False)
        if unit_ids is not None:
            # The group each total carries is the person's group now (Total.group).
            qs = qs.filter(group_id__in=list(unit_ids))
        column = "person_id"
    if month is not None:
        rows = list(qs.order_by("-points", column).values_list(column, "points")[:limit])
    else:
        rows = list(qs.values_list(column).annotate(p=Sum("points")).order_by("-p", column).values_list(column, "p")[:limit])
    return rank({subject_id: exact(points) for subject_id, points in rows})


@dataclass(frozen=True)
class MyRank:
    points: Decimal
    rank_in_unit: int | None
    members_ranked: int
    rank_in_city: int | None
    people_ranked: int


def my_rank(scheme, month, person) -> MyRank:
    """A person's month total and shared rank among their group's members and in the whole scheme."""
    qs = _totals_qs(scheme, month).filter(person__isnull=False)
    mine = qs.filter(person_id=person.pk).values_list("points", flat=True).first()
    if mine is None:
        return MyRank(ZERO, None, 0, None, qs.count())
    # Every count reads one index alone: the unit's through (scheme, period, group, points), the
    # city's through (scheme, period, points).
    unit = None
    if person.group_id:
        unit = qs.filter(group_id=person.group_id).aggregate(
            above=Count("points", filter=Q(points__gt=mine)), n=Count("points")
        )
    return MyRank(
        points=mine,
        rank_in_unit=unit["above"] + 1 if unit else None,
        members_ranked=unit["n"] if unit else 0,
        rank_in_city=qs.filter(points__gt=mine).count() + 1,
        people_ranked=qs.count(),
    )
