"""The Liyang 2017 monthly standing and year-end result (RULES.md §1.1-1.3).

Points come from the ledger (``points.queries``); followers from the group choices in force at the
month's end (``people.queries``); acts, submissions and livestreams from the domain events. Every
threshold (5 submissions, 1 livestream declaration, which acts make a user active) is read from
the scheme's ``[scheme.duties]`` parameters, with the RULES.md defaults.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from wenming.core.periods import Month, local_date, year_bounds
from wenming.journal.models import DomainEvent
from wenming.orgs.models import WorkGroup
from wenming.orgs.queries import in_work_group
from wenming.participation.queries import submissions_by_unit
from wenming.people.models import GroupChoice
from wenming.people.queries import standings

from .models import Enrollment, FraudFinding, Scheme

ZERO = Decimal(0)

DEFAULT_DUTIES = {
    "min_submissions_per_month": 5,
    "min_livestream_declarations_per_year": 1,
    "submission_events": ["share_accepted", "lead_accepted"],
    # "Active user": a member (follower at the month's end) with at least one of these acts in the month.
    "active_acts": ["share_accepted", "comment_valid", "like", "share", "lead_accepted"],
}
DEFAULT_VETOES = ["liaison", "followers", "fraud"]


def duties(scheme: Scheme) -> dict:
    return {**DEFAULT_DUTIES, **scheme.params.get("duties", {})}


def vetoes_in_force(scheme: Scheme) -> list[str]:
    return list(scheme.params.get("vetoes", {}).get("apply", DEFAULT_VETOES))


@dataclass
class UnitMonth:
    """One unit's line in a month's bulletin."""

    unit: object
    points: Decimal
    breakdown: dict[str, Decimal]
    followers: int
    required: int | None
    target_text: str
    percent: Decimal | None
    members: int
    active: int
    submitted: int
    accepted: int
    declared: int
    declared_ytd: int
    held: int
    gaps: list[str] = field(default_factory=list)
    rank: int = 0

    @property
    def active_rate(self) -> Decimal | None:
        if not self.members:
            return None
        return (Decimal(self.active) * 100 / Decimal(self.members)).quantize(Decimal("0.01"))


def _last_instant(month: Month):
    return month.end - timedelta(microseconds=1)


def _unit_at_event():
    """The unit whose group the event's person had chosen last by the event's time."""
    return Subquery(
        GroupChoice.objects.filter(person_id=OuterRef("person_id"), chosen_at__lte=OuterRef("at"))
        .order_by("-chosen_at", "-id")
        .values("unit_id")[:1]
    )


def _person_event_counts(types, start, end, unit_ids) -> dict[int, int]:
    """Person acts of ``types`` in [start, end) counted for the unit the person belonged to then."""
    rows = (
        DomainEvent.objects.filter(type__in=list(types), at__gte=start, at__lt=end, person__isnull=False)
        .annotate(event_unit=_unit_at_event())
        .filter(event_unit__in=list(unit_ids))
        .values_list("event_unit")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def _unit_event_counts(type_, start, end, unit_ids) -> dict[int, int]:
    rows = (
        DomainEvent.objects.filter(type=type_, at__gte=start, at__lt=end, unit_id__in=list(unit_ids))
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def _active_members(acts, month: Month, unit_ids) -> dict[int, int]:
    """Members at the month's end (by their last group choice) with at least one act in the month."""
    instant = _last_instant(month)
    later = GroupChoice.objects.filter(
        person_id=OuterRef("person_id"), chosen_at__lte=instant, chosen_at__gt=OuterRef("chosen_at")
    )
    acted = DomainEvent.objects.filter(
        person_id=OuterRef("person_id"), type__in=list(acts), at__gte=month.start, at__lt=month.end
    )
    rows = (
        GroupChoice.objects.filter(chosen_at__lte=instant, unit_id__in=list(unit_ids))
        .exclude(Exists(later))
        .filter(Exists(acted))
        .values_list("unit_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def liaison_gap(unit, group: WorkGroup | None, on: date) -> str | None:
    """No liaison named, or the liaison not in the work group on ``on``."""
    if unit.liaison_id is None:
        return _("未指定联络员")
    if group is not None and not in_work_group(unit.liaison, group, on):
        return _("联络员未加入工作群")
    return None


def rank_rows(rows, key) -> None:
    """Competition ranking (1, 2, 2, 4) in place, highest first; ties keep the scheme's order."""
    rows.sort(key=lambda r: -key(r))
    previous, current = None, 0
    for index, row in enumerate(rows, start=1):
        if key(row) != previous:
            current, previous = index, key(row)
        row.rank = current


def month_rows(scheme: Scheme, month: Month) -> list[UnitMonth]:
    """Every enrolled unit's standing for ``month``, ranked by points; queries do not grow with units."""
    from wenming.points import queries as points_queries

    params = duties(scheme)
    enrollments = list(
        Enrollment.objects.filter(scheme=scheme).select_related("unit", "unit__liaison").order_by("sort_order", "id")
    )
    units = [e.unit for e in enrollments]
    ids = [u.pk for u in units]
    totals = points_queries.unit_totals(scheme, month)
    breakdown = points_queries.unit_breakdown(scheme, month)
    standing = {s.unit.pk: s for s in standings(units, month.year, instant=_last_instant(month))}
    active = _active_members(params["active_acts"], month, ids)
    submitted = submissions_by_unit(month.start, month.end, ids)
    accepted = _person_event_counts(params["submission_events"], month.start, month.end, ids)
    declared = _unit_event_counts("livestream_declared", month.start, month.end, ids)
    year_start, _end = year_bounds(month.year)
    declared_ytd = _unit_event_counts("livestream_declared", year_start, month.end, ids)
    held = _unit_event_counts("livestream_held", month.start, month.end, ids)
    group = WorkGroup.objects.filter(name=scheme.params.get("work_group", "")).first()
    last_day = local_date(_last_instant(month))
    min_subs = int(params["min_submissions_per_month"])
    min_live = int(params["min_livestream_declarations_per_year"])

    rows = []
    for unit in units:
        s = standing[unit.pk]
        row = UnitMonth(
            unit=unit,
            points=totals.get(unit.pk, ZERO),
            breakdown=breakdown.get(unit.pk, {}),
            followers=s.followers,
            required=s.required,
            target_text=s.target.describe() if s.target else "",
            percent=s.percent,
            members=s.followers,
            active=active.get(unit.pk, 0),
            submitted=submitted.get(unit.pk, 0),
            accepted=accepted.get(unit.pk, 0),
            declared=declared.get(unit.pk, 0),
            declared_ytd=declared_ytd.get(unit.pk, 0),
            held=held.get(unit.pk, 0),
        )
        if row.accepted < min_subs:
            row.gaps.append(_("本月录用投稿 %(n)s 篇，少于 %(min)s 篇") % {"n": row.accepted, "min": min_subs})
        if row.declared_ytd < min_live:
            if month.month == 12:
                row.gaps.append(_("全年未申报直播（未完成）"))
            else:
                row.gaps.append(_("本年度尚未申报直播（提醒）"))
        gap = liaison_gap(unit, group, last_day)
        if gap:
            row.gaps.append(gap)
        rows.append(row)
    rank_rows(rows, lambda r: r.points)
    return rows


@dataclass
class UnitYear:
    unit: object
    months: dict[int, Decimal]
    breakdown: dict[str, Decimal]
    vetoes: list[str]
    followers: int
    required: int | None
    rank: int = 0

    @property
    def earned(self) -> Decimal:
        return sum(self.months.values(), ZERO)

    @property
    def total(self) -> Decimal:
        # Rule 6: a vetoed unit's year scores zero.
        return ZERO if self.vetoes else self.earned


def year_rows(scheme: Scheme, year: int, *, until: Month | None = None) -> list[UnitYear]:
    """The year-end result: the sum of the months with the vetoes of rule 6 applied.

    ``until`` stops at a month (the current one, for a year still running); vetoes are then judged
    on what is known at that month's end.
    """
    from wenming.points import queries as points_queries

    last = until or Month(year, 12)
    enrollments = list(
        Enrollment.objects.filter(scheme=scheme).select_related("unit", "unit__liaison").order_by("sort_order", "id")
    )
    units = [e.unit for e in enrollments]
    months: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rules: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    m = Month(year, 1)
    while m <= last:
        for unit_id, total in points_queries.unit_totals(scheme, m).items():
            months[unit_id][m.month] = total
        for unit_id, parts in points_queries.unit_breakdown(scheme, m).items():
            for rule, amount in parts.items():
                rules[unit_id][rule] += amount
        m = m.next()
    end_instant = _last_instant(last)
    standing = {s.unit.pk: s for s in standings(units, year, instant=end_instant)}
    frauds = defaultdict(list)
    for unit_id, evidence in FraudFinding.objects.filter(year=year, unit__in=units).values_list("unit_id", "evidence"):
        frauds[unit_id].append(evidence)
    group = WorkGroup.objects.filter(name=scheme.params.get("work_group", "")).first()
    apply = vetoes_in_force(scheme)
    rows = []
    for unit in units:
        s = standing[unit.pk]
        vetoes = []
        if "liaison" in apply:
            gap = liaison_gap(unit, group, local_date(end_instant))
            if gap:
                vetoes.append(gap)
        if "followers" in apply and s.target is not None and not s.met:
            vetoes.append(_("粉丝 %(n)s 人，未达年度目标 %(req)s 人") % {"n": s.followers, "req": s.required})
        if "fraud" in apply:
            for evidence in frauds.get(unit.pk, []):
                vetoes.append(_("弄虚作假：%(evidence)s") % {"evidence": evidence})
        rows.append(
            UnitYear(
                unit=unit,
                months=months.get(unit.pk, {}),
                breakdown=dict(rules.get(unit.pk, {})),
                vetoes=vetoes,
                followers=s.followers,
                required=s.required,
            )
        )
    rank_rows(rows, lambda r: r.total)
    return rows
