"""RULES.md §4 "Hours" at every edge, on the pure engine (no database)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wenming.testing.factories import shanghai
from wenming.volunteering import hours as h
from wenming.volunteering import rules as rules_mod
from wenming.volunteering.rules import HoursRules

START = shanghai(2030, 5, 6, 9, 0)
END = shanghai(2030, 5, 6, 12, 0)
RULES = HoursRules()


def at(minutes=0, seconds=0, micro=0):
    return START + timedelta(minutes=minutes, seconds=seconds, microseconds=micro)


class TestMinutes:
    def test_seconds_are_dropped(self):
        assert h.record_minutes(at(), at(0, 59), START, END) == 0
        assert h.record_minutes(at(), at(1), START, END) == 1
        assert h.record_minutes(at(), at(1, 59, 999_999), START, END) == 1
        assert h.record_minutes(at(0, 30), at(2, 29), START, END) == 1

    def test_clipped_to_the_session(self):
        before = START - timedelta(hours=1)
        after = END + timedelta(hours=2)
        assert h.record_minutes(before, after, START, END) == 180
        assert h.record_minutes(before, at(30), START, END) == 30
        assert h.record_minutes(at(170), after, START, END) == 10

    def test_outside_the_session_is_zero(self):
        assert h.record_minutes(END + timedelta(minutes=1), END + timedelta(hours=1), START, END) == 0
        assert h.record_minutes(START - timedelta(hours=2), START - timedelta(hours=1), START, END) == 0
        assert h.record_minutes(at(10), at(10), START, END) == 0

    def test_no_check_out_counts_nothing(self):
        assert h.record_minutes(at(), None, START, END) == 0
        assert h.clip(at(-30), None, START, END) == (START, None)


class TestRounding:
    @pytest.mark.parametrize(
        ("minutes", "hours"),
        [(0, "0.00"), (1, "0.02"), (5, "0.08"), (7, "0.12"), (20, "0.33"), (40, "0.67"), (59, "0.98"),
         (60, "1.00"), (61, "1.02"), (90, "1.50"), (479, "7.98"), (480, "8.00"), (481, "8.02"), (1440, "24.00")],
    )
    def test_minutes_to_hours(self, minutes, hours):
        assert h.minutes_to_hours(minutes) == D(hours)
        assert str(h.minutes_to_hours(minutes)) == hours

    @pytest.mark.parametrize(("value", "rounded"), [("0.125", "0.13"), ("0.135", "0.14"), ("2.345", "2.35"),
                                                    ("0.1249999", "0.12"), ("0.005", "0.01"), ("0.004999", "0.00")])
    def test_half_up_not_bankers(self, value, rounded):
        assert h.round_hours(D(value)) == D(rounded)

    @given(st.integers(min_value=0, max_value=100_000))
    def test_matches_exact_fraction_rounding(self, minutes):
        exact = Fraction(minutes, 60) * 100
        floor = exact.numerator // exact.denominator
        cents = floor + (1 if exact - floor >= Fraction(1, 2) else 0)
        assert h.minutes_to_hours(minutes) == D(cents) / 100


class TestShanghaiDay:
    def test_a_record_given_in_utc_belongs_to_its_shanghai_day(self):
        start = datetime(2030, 5, 5, 16, 0, tzinfo=UTC)  # 00:00 on 6 May in Shanghai
        assert h.service_day(datetime(2030, 5, 5, 16, 0, tzinfo=UTC), start).isoformat() == "2030-05-06"
        early = datetime(2030, 5, 5, 15, 0, tzinfo=UTC)
        assert h.service_day(datetime(2030, 5, 5, 15, 59, 59, tzinfo=UTC), early).isoformat() == "2030-05-05"

    def test_the_day_is_that_of_the_clipped_start(self):
        # Checked in at 23:50 on the 5th for a session starting at 00:10 on the 6th: the 6th.
        session_start = shanghai(2030, 5, 6, 0, 10)
        assert h.service_day(shanghai(2030, 5, 5, 23, 50), session_start).isoformat() == "2030-05-06"


def rec(key, start_hour, hours, **kw):
    return h.DayRecord(key=key, start=shanghai(2030, 5, 6, start_hour, 0), hours=D(hours), **kw)


def split(records, approved="0"):
    return {s.key: (str(s.counted), str(s.pending), str(s.not_counted)) for s in h.split_day(records, D(approved), RULES)}


class TestDailyCap:
    def test_eight_hours_count_at_once(self):
        assert split([rec(1, 8, "8.00")]) == {1: ("8.00", "0.00", "0.00")}

    def test_past_eight_is_pending(self):
        assert split([rec(1, 8, "8.02")]) == {1: ("8.00", "0.02", "0.00")}

    def test_twelve_is_eight_plus_four_pending(self):
        assert split([rec(1, 6, "12.00")]) == {1: ("8.00", "4.00", "0.00")}

    def test_past_twelve_never_counts(self):
        assert split([rec(1, 6, "12.02")]) == {1: ("8.00", "4.00", "0.02")}
        assert split([rec(1, 0, "20.00")]) == {1: ("8.00", "4.00", "8.00")}

    def test_over_all_records_of_the_day_in_start_order(self):
        records = [rec("c", 18, "3.00"), rec("a", 6, "5.00"), rec("b", 12, "5.00")]
        assert split(records) == {
            "a": ("5.00", "0.00", "0.00"), "b": ("3.00", "2.00", "0.00"), "c": ("0.00", "2.00", "1.00"),
        }

    def test_approval_counts_the_pending_band(self):
        records = [rec("a", 6, "5.00"), rec("b", 12, "5.00"), rec("c", 18, "3.00")]
        assert split(records, "4.00") == {
            "a": ("5.00", "0.00", "0.00"), "b": ("5.00", "0.00", "0.00"), "c": ("2.00", "0.00", "1.00"),
        }

    def test_partial_approval_counts_the_earliest_pending_first(self):
        assert split([rec("a", 6, "10.00"), rec("b", 17, "1.00")], "1.50") == {
            "a": ("9.50", "0.50", "0.00"), "b": ("0.00", "1.00", "0.00"),
        }

    def test_approval_never_passes_twelve(self):
        assert split([rec(1, 0, "14.00")], "99") == {1: ("12.00", "0.00", "2.00")}

    def test_no_end_counts_zero_and_takes_no_place(self):
        out = h.split_day([rec(1, 6, "0.00", has_end=False), rec(2, 7, "8.00")], D(0), RULES)
        assert [(s.key, s.counted, s.reasons) for s in out] == [(1, D(0), (h.NO_END,)), (2, D(8), ())]

    def test_backfill_waits_for_approval_outside_the_cap(self):
        out = split([rec(1, 6, "3.00", backfill_pending=True), rec(2, 9, "8.00")])
        assert out == {1: ("0.00", "3.00", "0.00"), 2: ("8.00", "0.00", "0.00")}
        (bf, _other) = h.split_day([rec(1, 6, "3.00", backfill_pending=True), rec(2, 9, "8.00")], D(0), RULES)
        assert bf.reasons == (h.BACKFILL_PENDING,) and bf.cap_pending == D(0)

    def test_reasons_explain_each_part(self):
        (s,) = h.split_day([rec(1, 0, "13.00")], D("1.00"), RULES)
        assert s.reasons == (h.CAP_APPROVED, h.CAP_PENDING, h.OVER_MAX)
        assert (s.counted, s.pending, s.cap_pending, s.not_counted) == (D(9), D(3), D(3), D(1))

    def test_parameters_come_from_the_rule_set(self):
        six_ten = HoursRules(daily_counted=D(6), daily_max=D(10))
        (s,) = h.split_day([rec(1, 0, "11.00")], D(0), six_ten)
        assert (s.counted, s.pending, s.not_counted) == (D(6), D(4), D(1))

    @given(st.lists(st.integers(min_value=0, max_value=900), max_size=6), st.integers(min_value=0, max_value=600))
    def test_every_hour_lands_somewhere_and_caps_hold(self, minutes, approved_minutes):
        records = [h.DayRecord(i, START + timedelta(minutes=i), h.minutes_to_hours(m)) for i, m in enumerate(minutes)]
        out = h.split_day(records, h.minutes_to_hours(approved_minutes), RULES)
        total = sum((r.hours for r in records), D(0))
        assert sum((s.counted + s.pending + s.not_counted for s in out), D(0)) == total
        counted = sum((s.counted for s in out), D(0))
        assert counted <= RULES.daily_max
        assert counted + sum((s.pending for s in out), D(0)) == min(total, RULES.daily_max)
        assert counted >= min(total, RULES.daily_counted)


class TestBackfillLimits:
    def test_thirty_days_is_the_limit(self):
        assert h.backfill_problems(START, END, START, END, END + timedelta(days=30), RULES) == []
        assert h.backfill_problems(START, END, START, END, END + timedelta(days=30, seconds=1), RULES) == ["too_late"]

    def test_never_longer_than_the_session(self):
        assert h.backfill_problems(START, END, START, END, END, RULES) == []
        longer = END + timedelta(minutes=1)
        assert h.backfill_problems(START - timedelta(minutes=0), longer, START, END, END, RULES) == ["too_long"]


class TestStars:
    @pytest.mark.parametrize(("hours", "stars"), [("0", 0), ("99.99", 0), ("100", 1), ("299.99", 1), ("300", 2),
                                                  ("600", 3), ("999.99", 3), ("1000", 4), ("1500", 5), ("9999", 5)])
    def test_thresholds(self, hours, stars):
        assert h.star_level(D(hours), RULES) == stars


class TestRuleSet:
    def test_defaults_are_the_rules_page(self):
        r = rules_mod.current()
        assert (r.daily_counted, r.daily_max, r.backfill_days, r.yearly_minimum) == (D(8), D(12), 30, D(20))
        assert r.stars == (D(100), D(300), D(600), D(1000), D(1500))

    def test_settings_override(self, settings):
        settings.WENMING_VOLUNTEERING = {"daily_counted": "6", "stars": [10, 20, 30, 40, 50], "backfill_days": 15}
        r = rules_mod.current()
        assert (r.daily_counted, r.backfill_days, r.stars[0]) == (D(6), 15, D(10))

    def test_unknown_setting_is_refused(self, settings):
        settings.WENMING_VOLUNTEERING = {"daily_cap": 6}
        with pytest.raises(ValueError, match="daily_cap"):
            rules_mod.current()
