"""Monthly quota compliance, three-month streaks below quota, the year's best volunteers."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone

from wenming.core.periods import Month, year_bounds

from ..choices import BEST_LIMIT, STREAK_MONTHS, CivilizedLevel, PostKind, TeamRole
from ..models import CivilizedUnit, Member, Post, PromptAssignment, YearSetting


def elapsed_months(year: int, today: date | None = None) -> list[int]:
    """Months of ``year`` that are over (a month still running is not yet judged)."""
    today = today or timezone.localdate()
    if year < today.year:
        return list(range(1, 13))
    if year > today.year:
        return []
    return list(range(1, today.month))


def _counts(kind: str, owner: str, year: int, owners) -> dict[int, dict[int, int]]:
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    rows = Post.objects.filter(kind=kind, published_on__year=year, **{f"{owner}__in": owners})
    for owner_id, day in rows.values_list(f"{owner}_id", "published_on"):
        counts[owner_id][day.month] += 1
    return counts


def below_streak(months: list[int], monthly: dict[int, int], quota: int) -> bool:
    """True when ``STREAK_MONTHS`` consecutive judged months are all below quota."""
    run = 0
    for m in months:
        run = run + 1 if monthly.get(m, 0) < quota else 0
        if run >= STREAK_MONTHS:
            return True
    return False


def year_compliance(year: int, counties, *, today: date | None = None) -> dict:
    """Per volunteer and per nationally civilized unit: the 12 months' counts, months met, the flag."""
    setting = YearSetting.for_year(year)
    months = elapsed_months(year, today)
    counties = list(counties)
    volunteers = list(Member.objects.filter(county__in=counties, roles__role=TeamRole.VOLUNTEER)
                      .select_related("county", "unit").order_by("county__path", "id").distinct())
    blog = _counts(PostKind.BLOG, "member", year, volunteers)
    units = list(CivilizedUnit.objects.filter(level=CivilizedLevel.NATIONAL, unit__path__regex=_paths_regex(counties))
                 .select_related("unit").order_by("unit__path")) if counties else []
    articles = _counts(PostKind.ARTICLE, "unit", year, [c.unit for c in units])

    def row(subject, monthly, quota, county):
        met = sum(1 for m in months if monthly.get(m, 0) >= quota)
        return {"subject": subject, "county": county, "months": [monthly.get(m, 0) for m in range(1, 13)],
                "met": met, "due": len(months), "flagged": below_streak(months, monthly, quota)}

    county_by_path = {c.path: c for c in counties}
    return {
        "months": months,
        "setting": setting,
        "persons": [row(v, blog[v.pk], setting.blog_quota, v.county) for v in volunteers],
        "units": [row(c.unit, articles[c.unit_id], setting.article_quota, _county_of(c.unit, county_by_path)) for c in units],
    }


def month_compliance(year: int, month: int, counties) -> dict:
    """One month: each volunteer's and each national unit's count and whether it met the quota."""
    data = year_compliance(year, counties, today=date(year + 1, 1, 1))
    setting = data["setting"]
    persons = [{**r, "count": r["months"][month - 1], "ok": r["months"][month - 1] >= setting.blog_quota} for r in data["persons"]]
    units = [{**r, "count": r["months"][month - 1], "ok": r["months"][month - 1] >= setting.article_quota} for r in data["units"]]
    return {"persons": persons, "units": units, "setting": setting}


def _paths_regex(counties) -> str:
    import re

    return "^(" + "|".join(re.escape(c.path) for c in counties) + ")"


def _county_of(unit, county_by_path):
    for path, county in county_by_path.items():
        if unit.path.startswith(path):
            return county
    return None


def best_volunteers(year: int, counties=None, *, limit: int = BEST_LIMIT) -> list[dict]:
    """The year's best volunteers by completed prompts plus blog posts; a tie goes to whoever got
    there first (the time of their last counted act), then to the earlier registration."""
    start, end = year_bounds(year)
    volunteers = Member.objects.filter(roles__role=TeamRole.VOLUNTEER).select_related("county").distinct()
    if counties is not None:
        volunteers = volunteers.filter(county__in=counties)
    volunteers = list(volunteers)
    score, last = defaultdict(int), {}
    for member_id, at in PromptAssignment.objects.filter(
        member__in=volunteers, completed_at__gte=start, completed_at__lt=end
    ).values_list("member_id", "completed_at"):
        score[member_id] += 1
        last[member_id] = max(last.get(member_id, at), at)
    for member_id, at in Post.objects.filter(kind=PostKind.BLOG, member__in=volunteers, published_on__year=year).values_list(
        "member_id", "submitted_at"
    ):
        score[member_id] += 1
        last[member_id] = max(last.get(member_id, at), at)
    ranked = sorted((m for m in volunteers if score[m.pk]), key=lambda m: (-score[m.pk], last[m.pk], m.pk))
    return [{"rank": i, "member": m, "score": score[m.pk], "last": last[m.pk]} for i, m in enumerate(ranked[:limit], 1)]


def county_figures(year: int, counties, *, today: date | None = None) -> dict[int, dict[str, Decimal | None]]:
    """Per county for the year: prompt completion rate and quota compliance (0..1), None when nothing was due."""
    from .prompts import rate

    counties = list(counties)
    start, end = year_bounds(year)
    assigned, done = defaultdict(int), defaultdict(int)
    for county_id, completed in PromptAssignment.objects.filter(
        county__in=counties, prompt__deadline__gte=start, prompt__deadline__lt=end
    ).values_list("county_id", "completed_at"):
        assigned[county_id] += 1
        done[county_id] += completed is not None
    data = year_compliance(year, counties, today=today)
    due, met = defaultdict(int), defaultdict(int)
    for r in data["persons"] + data["units"]:
        if r["county"] is not None:
            due[r["county"].pk] += r["due"]
            met[r["county"].pk] += r["met"]
    return {c.pk: {"completion": rate(done[c.pk], assigned[c.pk]), "compliance": rate(met[c.pk], due[c.pk])} for c in counties}


def article_units(user):
    """Nationally civilized units ``user`` may submit original articles for: as its liaison, one of
    its registered members, or the office over it."""
    from django.db.models import Q

    from wenming.orgs.models import Unit
    from wenming.people.permissions import scope_units

    if not user or not user.is_authenticated:
        return Unit.objects.none()
    national = CivilizedUnit.objects.filter(level=CivilizedLevel.NATIONAL).values("unit_id")
    own = Q(liaison=user) | Q(pk__in=Member.objects.filter(user=user, unit__isnull=False).values("unit_id"))
    return Unit.objects.filter(Q(pk__in=national) & (own | Q(pk__in=scope_units(user, "manage_netcivility")))).order_by("path")


def current_month() -> Month:
    return Month.of(timezone.now())
