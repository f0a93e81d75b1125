"""Workday or holiday: the official calendar with 调休, and operator overrides."""

from datetime import date

import pytest

from wenming.points import calendar
from wenming.points.models import CalendarOverride

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2017, 3, 6), True),  # Monday
        (date(2017, 3, 4), False),  # Saturday
        (date(2017, 1, 22), True),  # Sunday made a working day before the Spring Festival
        (date(2017, 1, 30), False),  # Monday inside the Spring Festival holiday
        (date(2017, 10, 2), False),  # National Day
    ],
)
def test_official_calendar(day, workday):
    assert calendar.is_workday(day) is workday
    assert calendar.is_holiday(day) is not workday


def test_override_wins_and_batch_lookup_agrees():
    CalendarOverride.objects.create(day=date(2017, 3, 6), is_workday=False, note="防汛停休")
    CalendarOverride.objects.create(day=date(2017, 3, 4), is_workday=True)
    assert calendar.is_workday(date(2017, 3, 6)) is False
    assert calendar.workday_map([date(2017, 3, 6), date(2017, 3, 4), date(2017, 3, 7)]) == {
        date(2017, 3, 6): False, date(2017, 3, 4): True, date(2017, 3, 7): True,
    }


def test_outside_the_known_years_weekdays_are_workdays():
    assert calendar.official_is_workday(date(1990, 1, 1)) is True
    assert calendar.official_is_workday(date(1990, 1, 6)) is False
