"""Permission-aware reads of the registry: which counties a user sees, the roster, its gaps."""

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.periods import local_date
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.people.choices import Role
from wenming.people.permissions import is_admin, scope_units

from ..choices import MIN_COMMENTERS, TeamRole
from ..models import Member, MemberRole, RosterFiling, YearSetting


def counties_for(user):
    """County offices ``user`` manages: its own county, or every county of a city office's region."""
    return scope_units(user, "manage_netcivility").filter(kind=UnitKind.COUNTY, is_active=True).order_by("path")


def members_for(user, county=None):
    """Registry rows ``user`` may see, with roles prefetched."""
    qs = Member.objects.filter(county__in=counties_for(user))
    if county is not None:
        qs = qs.filter(county=county)
    return qs.select_related("county", "unit", "user").prefetch_related(Prefetch("roles", MemberRole.objects.all()))


def own_office(user, county) -> bool:
    """The member's own county office: a role held on exactly that county (not a higher office)."""
    if not user or not user.is_authenticated:
        return False
    return user.role_assignments.filter(unit=county, role__in=(Role.EDITOR, Role.ADMIN)).exists()


def revealer(user):
    """A function telling whether ``user`` sees a member's whole mobile (own office, or the member)."""
    own = set()
    if user and user.is_authenticated:
        own = set(user.role_assignments.filter(role__in=(Role.EDITOR, Role.ADMIN), unit__kind=UnitKind.COUNTY)
                  .values_list("unit_id", flat=True))

    def reveal(member) -> bool:
        return member.county_id in own or (member.user_id is not None and member.user_id == getattr(user, "pk", None))

    reveal.do_not_call_in_templates = True  # handed to templates as a value for the shown_mobile tag
    return reveal


def by_role(members) -> dict[str, list]:
    grouped = defaultdict(list)
    for member in members:
        for role in sorted(member.role_set(), key=TeamRole.values.index):
            grouped[role].append(member)
    return grouped


def gaps_from(counts: dict[str, int], filed_at, setting: YearSetting, today: date) -> list[str]:
    """The gaps of one county, from its role counts and its filing (the edges the tests hold)."""
    gaps = []
    if not counts.get(TeamRole.LEADER):
        gaps.append(_("未确定分管领导"))
    if not counts.get(TeamRole.LIAISON):
        gaps.append(_("未确定联络员"))
    commenters = counts.get(TeamRole.COMMENTER, 0)
    if commenters < MIN_COMMENTERS:
        gaps.append(_("网络评论员不足 %(min)s 名（现 %(n)s 名）") % {"min": MIN_COMMENTERS, "n": commenters})
    due = setting.roster_due
    if filed_at is None:
        if today > due:
            gaps.append(_("名单未在 %(due)s 前报送") % {"due": due.strftime("%m月%d日")})
    elif local_date(filed_at) > due:
        gaps.append(_("名单逾期报送（%(day)s 报送，截止 %(due)s）") % {"day": local_date(filed_at).isoformat(), "due": due.isoformat()})
    return gaps


def roster_overview(user, year: int, *, today: date | None = None) -> list[dict]:
    """Each county the user manages: role counts and gaps, in three queries whatever the count."""
    today = today or timezone.localdate()
    setting = YearSetting.for_year(year)
    counties = list(counties_for(user))
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for county_id, role in MemberRole.objects.filter(member__county__in=counties).values_list("member__county_id", "role"):
        counts[county_id][role] += 1
    filed = dict(RosterFiling.objects.filter(county__in=counties, year=year).values_list("county_id", "filed_at"))
    return [
        {"county": c, "counts": dict(counts[c.pk]), "filed_at": filed.get(c.pk),
         "gaps": gaps_from(counts[c.pk], filed.get(c.pk), setting, today)}
        for c in counties
    ]


def roster_gaps(county, year: int, *, today: date | None = None) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for role in MemberRole.objects.filter(member__county=county).values_list("role", flat=True):
        counts[role] += 1
    filing = RosterFiling.objects.filter(county=county, year=year).first()
    return gaps_from(counts, filing.filed_at if filing else None, YearSetting.for_year(year), today or timezone.localdate())


def managed_county(user, pk: int) -> Unit:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(counties_for(user), pk=pk)


def member_of(user) -> Member | None:
    if not user or not user.is_authenticated:
        return None
    return Member.objects.filter(user=user).select_related("county", "unit").first()


def is_staff_viewer(user) -> bool:
    return is_admin(user) or counties_for(user).exists()
