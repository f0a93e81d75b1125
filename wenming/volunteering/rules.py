"""The volunteer-service rule set: every default of RULES.md §4 as a parameter.

Values come from ``settings.WENMING_VOLUNTEERING`` (a dict, optional) over the defaults below, so a
city changes a number without a code change. The rule set's ``version`` is stored on every ledger
entry, so an entry can always be traced to the rules that produced it.
"""

from dataclasses import dataclass, fields, replace
from decimal import Decimal

from django.conf import settings


@dataclass(frozen=True)
class HoursRules:
    version: str = "2021-02-01"
    # Daily cap per volunteer and Shanghai day: the first hours count at once, up to ``daily_max``
    # they wait for the parent organisation, past it they never count.
    daily_counted: Decimal = Decimal("8")
    daily_max: Decimal = Decimal("12")
    # Back-fill (补录): at most this many days after the session ended.
    backfill_days: int = 30
    # Star levels by counted hours (1★ … 5★) and the yearly minimum below which a volunteer is flagged.
    stars: tuple[Decimal, ...] = (Decimal("100"), Decimal("300"), Decimal("600"), Decimal("1000"), Decimal("1500"))
    yearly_minimum: Decimal = Decimal("20")
    # Check-in: the QR token changes every ``token_seconds``; the previous window is still accepted so
    # a scan at the turn of a window works; a second scan within ``double_scan_seconds`` is the same scan.
    token_seconds: int = 30
    token_grace_windows: int = 1
    double_scan_seconds: int = 120
    # Check-in opens this many minutes before a session starts.
    checkin_open_minutes: int = 120
    # Volunteer number: region code + year + sequence.
    number_format: str = "{region}{year}{seq:06d}"
    number_region: str = "320481"
    # Sign-up cancellation closes this many hours before a session starts (a project may change it).
    cancel_hours: int = 24


def current() -> HoursRules:
    overrides = dict(getattr(settings, "WENMING_VOLUNTEERING", {}) or {})
    known = {f.name: f for f in fields(HoursRules)}
    values = {}
    for name, value in overrides.items():
        if name not in known:
            raise ValueError(f"unknown volunteering rule {name!r}")
        default = getattr(HoursRules, name)
        if isinstance(default, Decimal):
            value = Decimal(str(value))
        elif isinstance(default, tuple):
            value = tuple(Decimal(str(v)) for v in value)
        values[name] = value
    return replace(HoursRules(), **values)
