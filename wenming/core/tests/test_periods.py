from datetime import UTC, datetime
from decimal import Decimal

import pytest

from wenming.core.numbers import plain, to_decimal
from wenming.core.periods import Month, half_of, quarter_of


def test_report_at_0730_on_1_april_shanghai_is_q2():
    instant = datetime(2014, 3, 31, 23, 30, tzinfo=UTC)  # 07:30 on 1 April in Shanghai
    assert quarter_of(instant) == 2
    assert Month.of(instant) == Month(2014, 4)
    assert half_of(instant) == 1


def test_month_bounds_are_shanghai_midnight():
    m = Month.parse("2017-12")
    assert m.start.isoformat() == "2017-12-01T00:00:00+08:00"
    assert m.end.isoformat() == "2018-01-01T00:00:00+08:00"
    assert m.prev() == Month(2017, 11) and m.next() == Month(2018, 1)
    assert str(m) == "2017-12"


@pytest.mark.parametrize("bad", ["2017-13", "2017-1", "17-01", "abc"])
def test_bad_month(bad):
    with pytest.raises(ValueError):
        Month.parse(bad)


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        Month.of(datetime(2017, 1, 1))


def test_decimals_are_exact():
    assert to_decimal(0.05) * 3 == Decimal("0.15")
    assert plain(Decimal("69.650")) == "69.65"
    assert plain(Decimal("10.00")) == "10"
    assert plain(Decimal("1E+2")) == "100"
