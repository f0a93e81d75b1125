"""Workday or holiday in mainland China, with the adjusted working days (调休).

The official calendar comes from the ``chinesecalendar`` package. An operator's overrides of
single dates are the points app's (``points.calendar``), which is what scoring reads.
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
