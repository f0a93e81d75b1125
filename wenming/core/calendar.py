"""Workday or holiday in mainland China, with the adjusted working days (调休).

The official calendar comes from the ``chinesecalendar`` package; an operator can override any
date (``points.CalendarOverride``), and an override always wins.
"""

from datetime import date

import chinese_calendar


def official_is_workday(day: date) -> bool:
    """The State Council calendar: weekends are rest days unless moved, holidays are rest days."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # Outside the years the package knows: plain Monday–Friday.
        return day.weekday() < 5


def is_workday(day: date) -> bool:
    from wenming.points.models import CalendarOverride

    override = CalendarOverride.objects.filter(day=day).values_list("is_workday", flat=True).first()
    return official_is_workday(day) if override is None else override


def workday_map(days) -> dict[date, bool]:
    """Workday flags for many dates in one query (the scoring engine's batch path)."""
    from wenming.points.models import CalendarOverride

    days = set(days)
    overrides = dict(CalendarOverride.objects.filter(day__in=days).values_list("day", "is_workday"))
    return {d: overrides[d] if d in overrides else official_is_workday(d) for d in days}


def is_holiday(day: date) -> bool:
    return not is_workday(day)
