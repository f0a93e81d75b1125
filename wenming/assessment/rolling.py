"""Rolling a scheme into a new year (``wenming roll-scheme``), as the offices re-issue it each January.

The new year's scheme is a new ``Scheme`` row (``liyang-2017`` → ``liyang-2026``, its name's year
changed too, so a bulletin never reads "考核（2017） 2026年11月通报"): the same units in the same
order, each unit's target copied to the new year, and the rule set in force copied as a new
version effective 1 January of that year. The old scheme is marked superseded from that day, so
the points engine stops scoring the new year's events under it (a person's points are summed over
every scheme and must not count twice).

Idempotent: a second roll into the same year finds everything in place and changes nothing; a
target or rule an office has already changed for the new year is kept as it is.
"""

import re
from datetime import date

from django.db import transaction

from wenming.journal.actions import audit
from wenming.orgs import actions as org_actions
from wenming.orgs.choices import TargetKind
from wenming.orgs.models import FollowerTarget

from .models import Enrollment, Scheme
from .schemes import SchemeError

# Parameters that belong to one scheme row, never copied into its successor.
OWN_PARAMS = ("superseded_on", "superseded_by", "rolled_from")
_YEAR_AT_END = re.compile(r"^(?P<base>.+?)-?(?P<year>\d{4})$")


def rolled_slug(slug: str, year: int) -> str:
    match = _YEAR_AT_END.match(slug)
    return f"{match['base'] if match else slug}-{year}"


def rolled_name(name: str, old_year: int | None, year: int) -> str:
    if old_year and str(old_year) in name:
        return name.replace(str(old_year), str(year))
    return f"{name}（{year}）"


def _shift_year(raw: str, year: int) -> str:
    """An ISO date parameter (such as the work-group deadline) on the same day of the new year."""
    day = date.fromisoformat(raw)
    try:
        return day.replace(year=year).isoformat()
    except ValueError:  # 29 February into a common year
        return date(year, 2, 28).isoformat()


def _params(scheme: Scheme, year: int) -> dict:
    params = {k: v for k, v in scheme.params.items() if k not in OWN_PARAMS}
    for key in ("work_group_deadline",):
        if params.get(key):
            params[key] = _shift_year(params[key], year)
    params["rolled_from"] = scheme.slug
    return params


def _copy_target(target: FollowerTarget, year: int, actor) -> None:
    if FollowerTarget.objects.filter(unit_id=target.unit_id, year=year).exists():
        return
    if target.kind == TargetKind.NUMBER:
        org_actions.set_number_target(target.unit, year, target.number, actor=actor)
    else:
        org_actions.set_formula_target(
            target.unit, year, min_people=target.min_people, share=target.share,
            combinator=target.combinator, actor=actor,
        )


@transaction.atomic
def roll_scheme(scheme: Scheme, year: int, *, actor=None) -> tuple[Scheme, bool]:
    """The scheme of ``year`` rolled from ``scheme``; returns (scheme, created)."""
    from wenming.points.schemes import roll_ruleset

    if not scheme.year:
        raise SchemeError(f"方案 {scheme.slug} 没有年度，无法滚动到新年度")
    if year <= scheme.year:
        raise SchemeError(f"新年度 {year} 必须晚于方案 {scheme.slug} 的年度 {scheme.year}")
    slug = rolled_slug(scheme.slug, year)
    new = Scheme.objects.filter(slug=slug).first()
    created = new is None
    if created:
        new = Scheme.objects.create(
            slug=slug,
            name=rolled_name(scheme.name, scheme.year, year),
            kind=scheme.kind,
            region=scheme.region,
            year=year,
            source=scheme.source,
            params=_params(scheme, year),
        )
    elif new.params.get("rolled_from") != scheme.slug:
        raise SchemeError(f"方案 {slug} 已存在，且不是由 {scheme.slug} 滚动而来")
    enrollments = list(scheme.enrollments.select_related("unit").order_by("sort_order", "id"))
    for enrollment in enrollments:
        Enrollment.objects.get_or_create(
            scheme=new, unit=enrollment.unit,
            defaults={"sort_order": enrollment.sort_order, "is_other": enrollment.is_other},
        )
    for target in FollowerTarget.objects.filter(
        unit_id__in=[e.unit_id for e in enrollments], year=scheme.year
    ).select_related("unit"):
        _copy_target(target, year, actor)
    roll_ruleset(scheme, new, date(year, 1, 1))
    superseded = {"superseded_on": date(year, 1, 1).isoformat(), "superseded_by": new.slug}
    if any(scheme.params.get(k) != v for k, v in superseded.items()):
        scheme.params = {**scheme.params, **superseded}
        scheme.save(update_fields=["params"])
    if created:
        audit(actor, "assessment.roll_scheme", new, data={"from": scheme.slug, "year": year})
    return new, created


def superseded_on(scheme: Scheme) -> date | None:
    raw = (scheme.params or {}).get("superseded_on")
    return date.fromisoformat(raw) if raw else None
