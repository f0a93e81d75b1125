"""Reads of the briefings domain: the adoption report, a unit's standing, review queues, level points.

The counting rule (RULES.md §6): a piece counts once, in the period holding its first adoption
(``Manuscript.first_adopted_at``, judged in Shanghai time), however many issues carry it; a piece
never adopted does not count. A county's pieces count for its prefecture-level city.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Q

from wenming.core.periods import local_midnight, year_bounds
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.people.permissions import is_admin, scope_units

from .choices import DEFAULT_LEVEL_POINTS, GENERAL_ROW, TOTAL_ROW, ManuscriptStatus, Origin
from .models import Adoption, Briefing, LevelPoints, Manuscript


@dataclass
class CityRow:
    unit_id: int
    region: str
    city_level: int = 0
    county_level: int = 0
    rank: int = 0

    @property
    def total(self) -> int:
        return self.city_level + self.county_level


@dataclass
class Report:
    start: datetime
    end: datetime
    cities: list[CityRow] = field(default_factory=list)
    general: int = 0
    sectors: list[tuple[str, int]] = field(default_factory=list)

    @property
    def city_level(self) -> int:
        return sum(r.city_level for r in self.cities)

    @property
    def county_level(self) -> int:
        return sum(r.county_level for r in self.cities)

    @property
    def total(self) -> int:
        return self.city_level + self.county_level + self.general + sum(n for _name, n in self.sectors)

    def ranked(self) -> list[CityRow]:
        """Cities by total, most first; ties share a rank and keep the tree's order."""
        rows = sorted(self.cities, key=lambda r: -r.total)
        rank, previous = 0, None
        for index, row in enumerate(rows, 1):
            if row.total != previous:
                rank, previous = index, row.total
            row.rank = rank
        return rows

    def csv_rows(self) -> list[list]:
        """The rows of ``wenming adoption`` (header ``region,city_level,county_level,total``)."""
        rows = [[r.region, r.city_level, r.county_level, r.total] for r in self.cities]
        rows.append([GENERAL_ROW, 0, 0, self.general])
        rows.extend([name, 0, 0, n] for name, n in self.sectors)
        rows.append([TOTAL_ROW, self.city_level, self.county_level, self.total])
        return rows

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "cities": [{"region": r.region, "city_level": r.city_level, "county_level": r.county_level,
                        "total": r.total} for r in self.cities],
            "general": self.general,
            "sectors": [{"sector": name, "total": n} for name, n in self.sectors],
            "city_level": self.city_level, "county_level": self.county_level, "total": self.total,
        }


def counted(start: datetime, end: datetime):
    """The pieces whose first adoption falls in [start, end)."""
    return Manuscript.objects.filter(
        status=ManuscriptStatus.ADOPTED, first_adopted_at__gte=start, first_adopted_at__lt=end
    )


def _city_of(path: str, cities: dict[int, Unit]) -> int | None:
    ids = [int(part) for part in path.strip("/").split("/") if part]
    found = [pk for pk in ids if pk in cities]
    return found[-1] if found else None


def adoption_report(start: datetime, end: datetime) -> Report:
    """Adopted pieces of [start, end): per city (its own and its counties'), general, sectors."""
    report = Report(start=start, end=end)
    cities = {u.pk: u for u in Unit.objects.filter(kind=UnitKind.CITY)}
    rows: dict[int, CityRow] = {}
    sectors: Counter = Counter()
    first_seen: dict[str, int] = {}  # sector → order of its first counted piece
    pieces = counted(start, end).select_related("region").order_by("first_adopted_at", "id")
    for m in pieces.only("origin", "sector", "first_adopted_at", "region__path", "region__kind"):
        if m.origin == Origin.GENERAL:
            report.general += 1
            continue
        if m.origin == Origin.SECTOR:
            sectors[m.sector] += 1
            first_seen.setdefault(m.sector, len(first_seen))
            continue
        city_id = _city_of(m.region.path, cities)
        if city_id is None:
            # A county directly under the province counts as a row of its own.
            city_id = m.region_id
            cities.setdefault(city_id, m.region)
        row = rows.setdefault(city_id, CityRow(unit_id=city_id, region=cities[city_id].name))
        if m.origin == Origin.CITY:
            row.city_level += 1
        else:
            row.county_level += 1
    # Cities in the tree's order (the order an office lists them in), as seed 004 prints them.
    order = {u.pk: (u.sort_order, u.pk) for u in cities.values()}
    report.cities = sorted(rows.values(), key=lambda r: order[r.unit_id])
    report.sectors = sorted(sectors.items(), key=lambda item: (-item[1], first_seen[item[0]]))
    return report


def adoption_report_for_year(year: int) -> Report:
    start, end = year_bounds(year)
    return adoption_report(start, end)


def report_for_issue(briefing: Briefing) -> Report:
    """The report an issue prints: its year up to and including the issue's date."""
    start, _end = year_bounds(briefing.year)
    return adoption_report(start, local_midnight(briefing.date + timedelta(days=1)))


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start, end] as Shanghai days, end inclusive."""
    return local_midnight(start), local_midnight(end + timedelta(days=1))


@dataclass
class UnitStanding:
    """What a liaison sees on 本单位用稿情况: the row their city counts in and their own pieces."""

    unit: Unit
    year: int
    row: CityRow | None
    rank: int | None
    cities: int
    own_adopted: int
    pieces: list


def _city_for_unit(unit: Unit) -> Unit | None:
    chain = [*unit.ancestors(), unit]
    found = [u for u in chain if u.kind == UnitKind.CITY]
    return found[-1] if found else None


def unit_pieces(unit: Unit):
    """Pieces sent by ``unit`` or counting for a region inside it."""
    return (
        Manuscript.objects.filter(Q(unit__path__startswith=unit.path) | Q(region__path__startswith=unit.path))
        .select_related("region", "unit")
        .prefetch_related("adoptions__briefing")
        .distinct()
    )


def unit_adoptions(unit: Unit, year: int) -> UnitStanding:
    report = adoption_report_for_year(year)
    ranked = report.ranked()
    city = _city_for_unit(unit)
    row = next((r for r in ranked if city and r.unit_id == city.pk), None)
    start, end = year_bounds(year)
    pieces = list(unit_pieces(unit).filter(
        Q(submitted_at__gte=start, submitted_at__lt=end) | Q(first_adopted_at__gte=start, first_adopted_at__lt=end)
    ).order_by("-submitted_at"))
    own = sum(1 for m in pieces if m.first_adopted_at and start <= m.first_adopted_at < end)
    return UnitStanding(unit=unit, year=year, row=row, rank=row.rank if row else None, cities=len(ranked),
                        own_adopted=own, pieces=pieces)


def liaison_units(user):
    """Units whose pieces ``user`` may send (the units they are liaison of; every unit for an admin)."""
    if is_admin(user):
        return Unit.objects.filter(kind__in=[UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COUNTY, UnitKind.DEPARTMENT])
    return scope_units(user, "manage_unit").filter(is_active=True)


def my_pieces(user):
    # A liaison sees the pieces of their unit and of the units inside it (a city its counties').
    inside = Q(submitted_by=user)
    for path in liaison_units(user).values_list("path", flat=True)[:20]:
        inside |= Q(unit__path__startswith=path) | Q(region__path__startswith=path)
    return (
        Manuscript.objects.filter(inside)
        .select_related("unit", "region").prefetch_related("adoptions__briefing").distinct()
    )


def review_queue(user, status: str | None = None):
    """Pieces an editor may handle, oldest waiting first."""
    units = scope_units(user, "moderate")
    qs = Manuscript.objects.select_related("unit", "region")
    if not is_admin(user):
        qs = qs.filter(unit__in=units)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("submitted_at", "id")


def editable_briefings(user):
    """Issues of the offices whose editors or reviewers ``user`` is (the actions check which act)."""
    qs = Briefing.objects.select_related("unit")
    if not is_admin(user):
        ids = set(scope_units(user, "moderate").values_list("pk", flat=True))
        ids |= set(scope_units(user, "review").values_list("pk", flat=True))
        qs = qs.filter(unit__in=ids)
    return qs


def open_briefings(user):
    from .choices import BriefingStatus

    return editable_briefings(user).exclude(status=BriefingStatus.PUBLISHED).prefetch_related("sections")


def points_per_level() -> dict[str, Decimal]:
    table = dict(DEFAULT_LEVEL_POINTS)
    table.update(dict(LevelPoints.objects.values_list("level", "points")))
    return table


def level_points(unit_ids, year: int) -> dict[int, Decimal]:
    """Points by adoption level earned in ``year`` by each unit (the piece's sender, else its region)."""
    start, end = year_bounds(year)
    table = points_per_level()
    totals: dict[int, Decimal] = defaultdict(Decimal)
    rows = Adoption.objects.filter(adopted_at__gte=start, adopted_at__lt=end).values_list(
        "level", "manuscript__unit_id", "manuscript__region_id"
    )
    wanted = set(unit_ids)
    for level, unit_id, region_id in rows:
        owner = unit_id or region_id
        if owner in wanted:
            totals[owner] += table[level]
    return dict(totals)
