"""The hours rules of RULES.md §4, as pure functions (no database): the ledger is their output.

- A record's service time runs from max(check-in, session start) to min(check-out, session end),
  counted in whole minutes: the seconds (and microseconds) of that span are dropped.
- hours = minutes / 60, rounded half up to 2 decimals, per record.
- Daily cap per volunteer and Shanghai day of the record's start (the clipped start), over all the
  day's records in start order: the first ``daily_counted`` hours count, those up to ``daily_max``
  are pending until the parent organisation approves them (an approval approves an amount), the
  rest never count. A record with no end yet counts 0; a back-fill waiting for approval is pending
  and takes no place under the cap until it is approved.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from wenming.core.periods import to_local

from .rules import HoursRules

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# Why a record's hours are what they are (shown to the volunteer, one line each).
NO_END = "no_end"
BACKFILL_PENDING = "backfill_pending"
CAP_PENDING = "cap_pending"
CAP_APPROVED = "cap_approved"
OVER_MAX = "over_max"
OUTSIDE_SESSION = "outside_session"


def clip(check_in: datetime, check_out: datetime | None, start: datetime, end: datetime):
    """(from, to) of the service time inside the session; ``to`` is None without an end."""
    begin = max(check_in, start)
    if check_out is None:
        return begin, None
    return begin, min(check_out, end)


def record_minutes(check_in: datetime, check_out: datetime | None, start: datetime, end: datetime) -> int:
    begin, finish = clip(check_in, check_out, start, end)
    if finish is None or finish <= begin:
        return 0
    span = finish - begin
    return (span.days * 86400 + span.seconds) // 60


def round_hours(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def minutes_to_hours(minutes: int) -> Decimal:
    return round_hours(Decimal(minutes) / Decimal(60))


def service_day(check_in: datetime, start: datetime) -> date:
    """The Shanghai calendar day a record belongs to: that of its clipped start."""
    return to_local(max(check_in, start)).date()


def backfill_problems(check_in, check_out, start, end, now, rules: HoursRules) -> list[str]:
    """Codes of what forbids a back-fill: too late after the session, or longer than the session."""
    problems = []
    if now - end > timedelta(days=rules.backfill_days):
        problems.append("too_late")
    if check_out is not None and check_out - check_in > end - start:
        problems.append("too_long")
    return problems


@dataclass(frozen=True)
class DayRecord:
    key: object
    start: datetime
    hours: Decimal
    has_end: bool = True
    backfill_pending: bool = False


@dataclass(frozen=True)
class Split:
    key: object
    counted: Decimal
    pending: Decimal
    not_counted: Decimal
    reasons: tuple[str, ...] = ()
    # The part of ``pending`` waiting for the daily-cap approval (the rest waits for a back-fill approval).
    cap_pending: Decimal = ZERO


def split_day(records: Iterable[DayRecord], approved_extra: Decimal, rules: HoursRules) -> list[Split]:
    """Each record of one volunteer's day divided into counted, pending and not counted hours."""
    cap, top = rules.daily_counted.quantize(CENT), rules.daily_max.quantize(CENT)
    used = ZERO
    approved_left = max(approved_extra, ZERO).quantize(CENT)
    out = []
    for r in sorted(records, key=lambda r: (r.start, str(r.key))):
        if not r.has_end:
            out.append(Split(r.key, ZERO, ZERO, ZERO, (NO_END,)))
            continue
        if r.backfill_pending:
            out.append(Split(r.key, ZERO, r.hours, ZERO, (BACKFILL_PENDING,)))
            continue
        first = max(ZERO, min(r.hours, cap - used))
        band = max(ZERO, min(r.hours - first, top - max(used, cap)))
        approved = min(band, approved_left)
        approved_left -= approved
        rest = r.hours - first - band
        used += r.hours
        reasons = []
        if approved:
            reasons.append(CAP_APPROVED)
        if band - approved:
            reasons.append(CAP_PENDING)
        if rest:
            reasons.append(OVER_MAX)
        out.append(Split(r.key, first + approved, band - approved, rest, tuple(reasons), band - approved))
    return out


def star_level(hours: Decimal, rules: HoursRules) -> int:
    return sum(1 for threshold in rules.stars if hours >= threshold)
