"""The hours ledger built from attendance: counting, approvals, back-fills, corrections, append-only."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wenming.journal.models import AuditEntry
from wenming.testing.factories import shanghai
from wenming.volunteering import actions, checkin, queries
from wenming.volunteering.choices import EntryStatus
from wenming.volunteering.errors import VolunteeringError
from wenming.volunteering.models import Attendance, HoursEntry

from .factories import make_volunteer, session_at

pytestmark = pytest.mark.django_db


def scan(volunteer, session, at):
    code = checkin.code_for(session, checkin.window_of(at))
    return actions.check_in_by_code(volunteer, session, code, at=at)


def attend(world, volunteer, session, check_in, check_out):
    actions.sign_up(volunteer, session, now=session.start - timedelta(days=2))
    scan(volunteer, session, check_in)
    record, outcome = scan(volunteer, session, check_out)
    assert outcome == "checked_out"
    return record


def live(volunteer):
    return sorted(
        (e.status, e.hours) for e in HoursEntry.objects.filter(volunteer=volunteer, reverses__isnull=True,
                                                               reversed_by__isnull=True)
    )


def test_check_in_and_out_counts_the_clipped_whole_minutes(world):
    v = make_volunteer()
    s = world.session  # 09:00-12:00
    record = attend(world, v, s, s.start - timedelta(minutes=20), s.start + timedelta(minutes=100, seconds=59))
    record.refresh_from_db()
    assert (record.minutes, record.hours) == (100, D("1.67"))
    assert live(v) == [(EntryStatus.COUNTED, D("1.67"))]
    assert queries.counted_hours(v) == D("1.67")


def test_a_record_without_check_out_counts_nothing_until_the_organiser_sets_the_end(world):
    v = make_volunteer()
    s = world.session
    actions.sign_up(v, s, now=s.start - timedelta(days=2))
    record, _ = scan(v, s, s.start)
    assert live(v) == [] and queries.counted_hours(v) == D(0)
    actions.confirm_attendance([record], actor=world.team_admin)
    assert live(v) == [(EntryStatus.COUNTED, D("3.00"))]


def long_day(world, v, hours_list):
    records = []
    start = shanghai(2030, 5, 7, 0, 0)
    for i, hrs in enumerate(hours_list):
        s = session_at(world, start + timedelta(hours=sum(hours_list[:i])), hrs)
        records.append(attend(world, v, s, s.start, s.end))
    return records


def test_the_daily_cap_is_pending_until_the_parent_organisation_approves(world):
    v = make_volunteer()
    long_day(world, v, [6, 5, 3])  # 14 h on one Shanghai day
    assert queries.counted_hours(v) == D(8) and queries.pending_hours(v) == D(4)
    assert dict((s, h) for s, h in live(v) if s == EntryStatus.NOT_COUNTED) == {EntryStatus.NOT_COUNTED: D(2)}
    day = shanghai(2030, 5, 7, 0, 0).date()
    for outsider in (world.team_admin, world.other_admin):
        with pytest.raises(VolunteeringError, match="上级组织"):
            actions.approve_day(v, day, actor=outsider)
    assert queries.counted_hours(v) == D(8)
    actions.approve_day(v, day, actor=world.station_admin)
    assert queries.counted_hours(v) == D(12) and queries.pending_hours(v) == D(0)
    with pytest.raises(VolunteeringError, match="没有待审核"):
        actions.approve_day(v, day, actor=world.station_admin)


def test_back_fill_needs_a_reason_a_limit_and_the_parents_approval(world):
    v = make_volunteer()
    s = world.session
    now = s.end + timedelta(days=3)
    with pytest.raises(VolunteeringError, match="原因"):
        actions.backfill(v, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason=" ", now=now)
    with pytest.raises(VolunteeringError, match="30"):
        actions.backfill(v, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason="忘记签到",
                         now=s.end + timedelta(days=30, minutes=1))
    with pytest.raises(VolunteeringError, match="超过活动时长"):
        actions.backfill(v, s, actor=world.team_admin, check_in=s.start - timedelta(hours=1), check_out=s.end,
                         reason="忘记签到", now=now)
    with pytest.raises(VolunteeringError, match="权限"):
        actions.backfill(v, s, actor=world.other_admin, check_in=s.start, check_out=s.end, reason="忘记签到", now=now)
    assert not Attendance.objects.exists()
    record = actions.backfill(v, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason="手机没电",
                              now=now)
    assert queries.counted_hours(v) == D(0) and queries.pending_hours(v) == D(3)
    with pytest.raises(VolunteeringError, match="上级组织"):
        actions.approve_backfill(record, actor=world.team_admin)
    actions.approve_backfill(record, actor=world.station_admin)
    assert queries.counted_hours(v) == D(3) and queries.pending_hours(v) == D(0)


def test_a_correction_is_a_reversing_entry_plus_a_new_one(world):
    v = make_volunteer()
    s = world.session
    record = attend(world, v, s, s.start, s.start + timedelta(hours=1))
    first = HoursEntry.objects.get(volunteer=v)
    actions.correct_attendance(record, actor=world.team_admin, reason="签退漏扫，实际到 11:00",
                               check_in=s.start, check_out=s.start + timedelta(hours=2))
    entries = list(HoursEntry.objects.filter(volunteer=v).order_by("id"))
    assert [(e.hours, e.reverses_id) for e in entries] == [(D("1.00"), None), (D("-1.00"), first.pk), (D("2.00"), None)]
    assert all(e.actor == world.team_admin and "11:00" in e.reason for e in entries[1:])
    assert queries.counted_hours(v) == D(2)
    assert AuditEntry.objects.filter(verb="volunteering.correct", reason__contains="11:00").exists()


def test_a_correction_moving_the_record_to_another_day_clears_the_old_day(world):
    v = make_volunteer()
    s = session_at(world, shanghai(2030, 5, 8, 22, 0), 4)  # 22:00 to 02:00 the next day
    record = attend(world, v, s, s.start, s.start + timedelta(hours=1))
    assert record.day.isoformat() == "2030-05-08"
    actions.correct_attendance(record, actor=world.team_admin, reason="实际 0:30 才到",
                               check_in=shanghai(2030, 5, 9, 0, 30), check_out=s.end)
    by_day = {}
    for e in HoursEntry.objects.filter(volunteer=v):
        by_day[e.day.isoformat()] = by_day.get(e.day.isoformat(), D(0)) + e.hours
    assert by_day == {"2030-05-08": D(0), "2030-05-09": D("1.50")}


def test_the_ledger_refuses_updates_and_deletes(world):
    v = make_volunteer()
    s = world.session
    attend(world, v, s, s.start, s.end)
    entry = HoursEntry.objects.get(volunteer=v)
    entry.hours = D(99)
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_the_database_refuses_updates_on_postgresql(world, on_postgres):
    v = make_volunteer()
    s = world.session
    attend(world, v, s, s.start, s.end)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE volunteering_hoursentry SET hours = 99")


def test_stars_are_awarded_when_reached(world, settings):
    settings.WENMING_VOLUNTEERING = {"stars": [2, 5, 600, 1000, 1500]}
    v = make_volunteer()
    s = world.session
    attend(world, v, s, s.start, s.end)
    assert list(v.stars.values_list("level", flat=True)) == [1]
    assert queries.star_level(queries.counted_hours(v)) == 1


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 47), st.integers(0, 600), st.integers(-30, 900)), min_size=1, max_size=5))
def test_the_ledger_sum_equals_hours_recomputed_from_attendance(world, spans):
    """Whatever the records, the counted ledger equals the engine run over the attendance afresh."""
    from wenming.volunteering import hours as engine
    from wenming.volunteering import rules as rules_mod

    v = make_volunteer()
    base = shanghai(2030, 6, 1, 0, 0)
    for half_hours, length, late in spans:
        s = session_at(world, base + timedelta(minutes=30 * half_hours), length / 60 + 1)
        actions.sign_up(v, s, now=s.start - timedelta(days=1))
        scan(v, s, s.start + timedelta(minutes=late % 30 - 10, seconds=late % 7))
        if late < 800:
            scan(v, s, s.start + timedelta(minutes=late + length + 3))
    records = list(Attendance.objects.filter(volunteer=v).select_related("session"))
    by_day = {}
    for r in records:
        minutes = engine.record_minutes(r.check_in, r.check_out, r.session.start, r.session.end)
        by_day.setdefault(r.day, []).append(
            engine.DayRecord(r.pk, max(r.check_in, r.session.start), engine.minutes_to_hours(minutes), r.check_out is not None)
        )
    expected = sum(
        (s.counted for recs in by_day.values() for s in engine.split_day(recs, D(0), rules_mod.current())), D(0)
    )
    assert queries.counted_hours(v) == expected
    assert sum((e.hours for e in HoursEntry.objects.filter(volunteer=v)), D(0)) == sum((r.hours for r in records), D(0))
