"""Sign-up, approval, waitlist and promotion, cancellation; the rotating QR token and code; double scans."""

import threading
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connections

from wenming.testing.factories import shanghai
from wenming.volunteering import actions, checkin
from wenming.volunteering.choices import SignupStatus
from wenming.volunteering.errors import VolunteeringError
from wenming.volunteering.models import Attendance, Signup

from .factories import make_volunteer, make_world

BEFORE = shanghai(2030, 5, 1, 9, 0)


@pytest.mark.django_db
class TestSignups:
    def test_full_session_waitlists_and_a_cancellation_promotes(self, world):
        a, b, c = make_volunteer(), make_volunteer(), make_volunteer()
        s = world.session  # 2 places, no approval needed
        sa, sb, sc = (actions.sign_up(v, s, now=BEFORE) for v in (a, b, c))
        assert [x.status for x in (sa, sb, sc)] == [SignupStatus.APPROVED, SignupStatus.APPROVED, SignupStatus.WAITLISTED]
        actions.cancel_signup(sa, actor=a.user, now=BEFORE)
        sc.refresh_from_db()
        assert sc.status == SignupStatus.APPROVED

    def test_approval_and_rejection_promotes(self, personas):
        w = make_world(personas, slots=1, needs_approval=True)
        a, b = make_volunteer(), make_volunteer()
        sa, sb = actions.sign_up(a, w.session, now=BEFORE), actions.sign_up(b, w.session, now=BEFORE)
        assert (sa.status, sb.status) == (SignupStatus.PENDING, SignupStatus.WAITLISTED)
        with pytest.raises(VolunteeringError, match="权限"):
            actions.decide_signup(sa, actor=w.other_admin, approve=False)
        actions.decide_signup(sa, actor=w.team_admin, approve=False)
        sb.refresh_from_db()
        assert sb.status == SignupStatus.PENDING

    def test_cancel_closes_before_the_deadline(self, world):
        v = make_volunteer()
        signup = actions.sign_up(v, world.session, now=BEFORE)
        late = world.session.start - timedelta(hours=23)
        with pytest.raises(VolunteeringError, match="截止"):
            actions.cancel_signup(signup, actor=v.user, now=late)
        actions.cancel_signup(signup, actor=world.team_admin, now=late)  # the organiser may
        signup.refresh_from_db()
        assert signup.status == SignupStatus.CANCELLED

    def test_twice_and_too_young_and_started(self, personas):
        w = make_world(personas, min_age=18)
        v = make_volunteer()
        actions.sign_up(v, w.session, now=BEFORE)
        with pytest.raises(VolunteeringError, match="已报名"):
            actions.sign_up(v, w.session, now=BEFORE)
        with pytest.raises(VolunteeringError, match="18"):
            actions.sign_up(make_volunteer(born="20150101"), w.session, now=BEFORE)
        with pytest.raises(VolunteeringError, match="已开始"):
            actions.sign_up(make_volunteer(), w.session, now=w.session.start)


def code_at(session, at):
    return checkin.code_for(session, checkin.window_of(at))


@pytest.mark.django_db
class TestCheckIn:
    def test_token_expires_after_its_window_and_the_grace(self, world):
        s = world.session
        at = s.start
        token = checkin.current(s, at).token
        assert checkin.check_token(s, token, at) == checkin.OK
        assert checkin.check_token(s, token, at + timedelta(seconds=30)) == checkin.OK  # grace window
        assert checkin.check_token(s, token, at + timedelta(seconds=61)) == checkin.EXPIRED
        forged = token[:-1] + ("0" if token[-1] != "0" else "1")
        assert checkin.check_token(s, forged, at) == checkin.FORGED
        other = world.session.__class__.objects.exclude(pk=s.pk).first() or actions.add_session(
            world.project, actor=world.team_admin, start=s.start, end=s.end)
        assert checkin.check_token(other, token, at) == checkin.FORGED

    def test_an_expired_or_forged_token_changes_nothing(self, world):
        v = make_volunteer()
        s = world.session
        actions.sign_up(v, s, now=BEFORE)
        old = checkin.current(s, s.start - timedelta(minutes=5)).token
        with pytest.raises(VolunteeringError, match="过期"):
            actions.check_in_by_token(v, s, old, at=s.start)
        with pytest.raises(VolunteeringError, match="无效"):
            actions.check_in_by_token(v, s, "1.2.abc", at=s.start)
        with pytest.raises(VolunteeringError, match="不正确"):
            actions.check_in_by_code(v, s, code_at(s, s.start - timedelta(minutes=5)), at=s.start)
        assert not Attendance.objects.exists()

    def test_scan_in_scan_out_and_double_scans_record_once(self, world):
        v = make_volunteer()
        s = world.session
        actions.sign_up(v, s, now=BEFORE)
        t0 = s.start + timedelta(minutes=1)
        token = checkin.current(s, t0).token
        _r, first = actions.check_in_by_token(v, s, token, at=t0)
        _r, again = actions.check_in_by_token(v, s, token, at=t0 + timedelta(seconds=5))
        t1 = s.start + timedelta(hours=2, minutes=1)
        record, out = actions.check_in_by_code(v, s, code_at(s, t1), at=t1)
        _r, after = actions.check_in_by_code(v, s, code_at(s, t1), at=t1 + timedelta(seconds=3))
        assert (first, again, out, after) == ("checked_in", "duplicate", "checked_out", "duplicate")
        assert Attendance.objects.count() == 1 and record.hours == D("2.00")

    def test_not_signed_up_unless_walk_ins(self, personas):
        w = make_world(personas)
        v = make_volunteer()
        with pytest.raises(VolunteeringError, match="未报名"):
            actions.check_in_by_code(v, w.session, code_at(w.session, w.session.start), at=w.session.start)
        w.project.allow_walk_in = True
        w.project.save()
        _r, outcome = actions.check_in_by_code(v, w.session, code_at(w.session, w.session.start), at=w.session.start)
        assert outcome == "checked_in"

    def test_outside_the_radius_is_flagged_not_refused(self, world):
        s = actions.add_session(world.project, actor=world.team_admin, start=world.session.start,
                                end=world.session.end, latitude="31.416000", longitude="119.484000", radius_m=200)
        v, w = make_volunteer(), make_volunteer()
        for x in (v, w):
            actions.sign_up(x, s, now=BEFORE)
        near, _ = actions.check_in_by_code(v, s, code_at(s, s.start), at=s.start, latitude="31.416500", longitude="119.484")
        far, _ = actions.check_in_by_code(w, s, code_at(s, s.start), at=s.start, latitude="31.426", longitude="119.484")
        assert (near.outside_radius, far.outside_radius) == (False, True)

    def test_concurrent_double_scans_record_once(self, world):
        """Same volunteer, two scans at once (SQLite serialises; PostgreSQL below with threads)."""
        v = make_volunteer()
        actions.sign_up(v, world.session, now=BEFORE)
        at = world.session.start
        for _ in range(2):
            actions.check_in_by_code(v, world.session, code_at(world.session, at), at=at)
        assert Attendance.objects.count() == 1


def _run_threads(n, target):
    barrier = threading.Barrier(n)
    results = []

    def run(i):
        try:
            barrier.wait()
            results.append(target(i))
        except VolunteeringError as exc:
            results.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_waitlist_promotion_under_concurrent_cancellations(personas, on_postgres):
    w = make_world(personas, slots=4)
    holders = [make_volunteer() for _ in range(4)]
    waiting = [make_volunteer() for _ in range(6)]
    held = [actions.sign_up(v, w.session, now=BEFORE) for v in holders]
    for v in waiting:
        actions.sign_up(v, w.session, now=BEFORE)
    _run_threads(4, lambda i: actions.cancel_signup(held[i], actor=holders[i].user, now=BEFORE).status)
    statuses = list(Signup.objects.filter(volunteer__in=waiting).order_by("created_at", "id").values_list("status", flat=True))
    assert statuses == [SignupStatus.APPROVED] * 4 + [SignupStatus.WAITLISTED] * 2
    assert Signup.objects.filter(session=w.session, status=SignupStatus.APPROVED).count() == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_overfill(personas, on_postgres):
    w = make_world(personas, slots=3)
    vols = [make_volunteer() for _ in range(8)]
    _run_threads(8, lambda i: actions.sign_up(vols[i], w.session, now=BEFORE).status)
    assert Signup.objects.filter(session=w.session, status=SignupStatus.APPROVED).count() == 3
    assert Signup.objects.filter(session=w.session, status=SignupStatus.WAITLISTED).count() == 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_scans_on_postgresql(personas, on_postgres):
    w = make_world(personas)
    v = make_volunteer()
    actions.sign_up(v, w.session, now=BEFORE)
    at = w.session.start
    outcomes = _run_threads(5, lambda i: actions.check_in_by_code(v, w.session, code_at(w.session, at), at=at)[1])
    assert sorted(outcomes) == ["checked_in"] + ["duplicate"] * 4
    assert Attendance.objects.count() == 1
