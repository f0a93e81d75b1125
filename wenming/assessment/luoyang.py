"""Scoring an itemised scheme (Luoyang 2014, RULES.md §2): items, quality scores, the network bonus.

Pure functions over plain values (``score_item``, ``network_bonus``) carry the rules, so their edges
are tested without a database; ``assess_year`` gathers the rows in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count

from wenming.core.periods import half_of, local_date, quarter_of, to_local, year_bounds

from . import figures
from .choices import COUNTED_STANDARDS, Standard
from .models import Enrollment, Item, Material, QualityScore, Republication, Scheme

ZERO = Decimal(0)


def network_bonus(count: int, params: dict) -> Decimal:
    """Republished items in the year → bonus: below ``zero_below`` 0; at it 1; +1 each; ``full_at``+ → ``max``."""
    zero_below = int(params.get("zero_below", 3))
    full_at = int(params.get("full_at", 6))
    top = Decimal(str(params.get("max", 4)))
    if count < zero_below:
        return ZERO
    if count >= full_at:
        return top
    return min(Decimal(count - zero_below + 1), top)


def deadline_dates(item: Item, year: int) -> list[date]:
    return sorted(date(year, int(d[:2]), int(d[3:5])) for d in item.deadlines)


def occurrences_met(item: Item, year: int, reported: list[datetime]) -> int:
    """How many of the item's required occurrences the reports meet, in Shanghai time.

    Deadline items: each deadline needs its own report on or before it (a plan in February and a
    summary in November meet both of item 1's; one February report meets only the first).
    """
    in_year = sorted(at for at in reported if to_local(at).year == year)
    if item.standard == Standard.QUARTERLY:
        return len({quarter_of(at) for at in in_year})
    if item.standard == Standard.HALF_YEARLY:
        return len({half_of(at) for at in in_year})
    if item.standard == Standard.DEADLINE:
        days = [local_date(at) for at in in_year]
        met, used = 0, 0
        # Earliest deadline takes the earliest unused report: the most deadlines any assignment can meet.
        for deadline in deadline_dates(item, year):
            if used < len(days) and days[used] <= deadline:
                met += 1
                used += 1
        return met
    return 0


def score_item(item: Item, year: int, reported: list[datetime], quality: Decimal | None) -> Decimal:
    """An item's score for a year.

    Counted items earn points / occurrences for each occurrence met. Quality-scored items take the
    reviewer's score, capped by what the standard earned; per-notice and per-plan items take the
    reviewer's score (nothing scored yet → 0).
    """
    if item.standard in COUNTED_STANDARDS:
        earned = item.points * occurrences_met(item, year, reported) / item.occurrences
        if item.quality_scored:
            return min(quality if quality is not None else ZERO, earned)
        return earned
    return min(quality if quality is not None else ZERO, item.points)


@dataclass
class ItemsResult:
    unit: object
    items: dict[int, Decimal]
    republished: int
    bonus: Decimal
    pending_quality: list[int] = field(default_factory=list)

    @property
    def base(self) -> Decimal:
        return sum(self.items.values(), ZERO)

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus


def assess_year(scheme: Scheme, year: int, *, until: datetime | None = None) -> list[ItemsResult]:
    """Each enrolled unit's item scores, bonus and total for ``year`` (facts up to ``until`` if given)."""
    start, end = year_bounds(year)
    if until is not None:
        end = min(end, until)
    items = list(Item.objects.filter(scheme=scheme).order_by("number"))
    enrollments = list(Enrollment.objects.filter(scheme=scheme).select_related("unit").order_by("sort_order", "id"))
    unit_ids = [e.unit_id for e in enrollments]
    reports: dict[tuple[int, int], list[datetime]] = defaultdict(list)
    for unit_id, item_id, at in Material.objects.filter(
        item__scheme=scheme, unit_id__in=unit_ids, reported_at__gte=start, reported_at__lt=end
    ).values_list("unit_id", "item_id", "reported_at"):
        reports[(unit_id, item_id)].append(at)
    quality = {
        (u, i): s
        for u, i, s in QualityScore.objects.filter(item__scheme=scheme, unit_id__in=unit_ids, year=year).values_list(
            "unit_id", "item_id", "score"
        )
    }
    republished = dict(
        Republication.objects.filter(unit_id__in=unit_ids, at__gte=start, at__lt=end)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    bonus_params = scheme.params.get("network_bonus", {})
    figure_shares = {item.pk: figures.shares(item.figure, year, unit_ids) for item in items if item.standard == Standard.FIGURE}
    results = []
    for enrollment in enrollments:
        uid = enrollment.unit_id
        scores, pending = {}, []
        for item in items:
            if item.pk in figure_shares:
                scores[item.number] = figures.score(item.points, figure_shares[item.pk].get(uid))
                continue
            q = quality.get((uid, item.pk))
            scores[item.number] = score_item(item, year, reports.get((uid, item.pk), []), q)
            if q is None and (item.quality_scored or item.standard not in COUNTED_STANDARDS):
                pending.append(item.number)
        n = republished.get(uid, 0)
        results.append(
            ItemsResult(
                unit=enrollment.unit,
                items=scores,
                republished=n,
                bonus=network_bonus(n, bonus_params),
                pending_quality=pending,
            )
        )
    return results
