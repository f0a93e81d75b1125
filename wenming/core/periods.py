"""Calendar periods in Asia/Shanghai: months, quarters, halves and years as aware bounds.

Every period boundary is local midnight in Shanghai, so a report at 07:30 on 1 April Shanghai
time (23:30 UTC on 31 March) belongs to April and to Q2.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        m = _MONTH_RE.match(text.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise ValueError(f"月份格式应为 YYYY-MM：{text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, instant: datetime) -> "Month":
        local = to_local(instant)
        return cls(local.year, local.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> datetime:
        return local_midnight(date(self.year, self.month, 1))

    @property
    def end(self) -> datetime:
        """Exclusive end: the first instant of the next month."""
        return self.next().start

    def next(self) -> "Month":
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def prev(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


def to_local(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: times must be aware")
    return instant.astimezone(SHANGHAI)


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SHANGHAI)


def local_date(instant: datetime) -> date:
    return to_local(instant).date()


def quarter_of(instant: datetime) -> int:
    return (to_local(instant).month - 1) // 3 + 1


def half_of(instant: datetime) -> int:
    return 1 if to_local(instant).month <= 6 else 2


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return local_midnight(date(year, 1, 1)), local_midnight(date(year + 1, 1, 1))
