"""Workday or holiday for scoring: the official calendar (``core.calendar``) with the operator's
overrides (``CalendarOverride``), and an override always wins."""

from datetime import date

from wenming.core.calendar import official_is_workday

from .models import CalendarOverride

__all__ = ["is_holiday", "is_workday", "official_is_workday", "workday_map"]


def is_workday(day: date) -> bool:
    override = CalendarOverride.objects.filter(day=day).values_list("is_workday", flat=True).first()
    return official_is_workday(day) if override is None else override


def workday_map(days) -> dict[date, bool]:
    """Workday flags for many dates in one query (the scoring engine's batch path)."""
    days = set(days)
    overrides = dict(CalendarOverride.objects.filter(day__in=days).values_list("day", "is_workday"))
    return {d: overrides[d] if d in overrides else official_is_workday(d) for d in days}


def is_holiday(day: date) -> bool:
    return not is_workday(day)
