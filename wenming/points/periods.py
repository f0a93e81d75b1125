"""Months as ledger periods: a ``core.periods.Month`` is stored as its first day."""

from datetime import date, datetime

from wenming.core.periods import Month, local_date


def period_of(month: Month) -> date:
    return date(month.year, month.month, 1)


def period_at(instant: datetime) -> date:
    return local_date(instant).replace(day=1)


def month_of(period: date) -> Month:
    return Month(period.year, period.month)


def as_month(value) -> Month:
    if isinstance(value, Month):
        return value
    if isinstance(value, date):
        return Month(value.year, value.month)
    return Month.parse(str(value))


def resolve_scheme(scheme):
    """Accept a Scheme or its slug."""
    from wenming.assessment.models import Scheme

    if isinstance(scheme, Scheme):
        return scheme
    return Scheme.objects.get(slug=scheme)
