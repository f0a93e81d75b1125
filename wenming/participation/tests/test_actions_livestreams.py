from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from wenming.journal.models import DomainEvent
from wenming.participation import actions
from wenming.participation.actions import ParticipationError
from wenming.participation.choices import Status
from wenming.participation.models import Livestream

from .factories import LivestreamFactory

pytestmark = pytest.mark.django_db


def _declare(p, **kwargs):
    values = {
        "title": "道德讲堂直播",
        "planned_start": timezone.now() + timedelta(days=1),
        "place": "文化中心",
        "link": "https://live.example.org/1",
    }
    values.update(kwargs)
    return actions.declare_livestream(p.liaison, p.town, **values)


def events(type_):
    return list(DomainEvent.objects.filter(type=type_))


def test_declare_approve_hold_and_clicks_record_the_events(personas):
    p = personas
    live = _declare(p)
    assert live.status == Status.PENDING and live.author == p.liaison
    assert not events("livestream_declared")
    actions.accept(p.editor, live)
    (declared,) = events("livestream_declared")
    assert declared.key == f"web:livestream_declared:{live.pk}"
    assert declared.unit == p.town and declared.person is None
    assert declared.data == {"livestream": f"web-{live.pk}"}
    assert declared.at == live.created_at

    held_at = timezone.now() - timedelta(minutes=1)
    live.refresh_from_db()
    # Pretend the declaration was made two days before the start that actually happened.
    Livestream.objects.filter(pk=live.pk).update(created_at=held_at - timedelta(days=2))
    live.refresh_from_db()
    actions.mark_held(p.liaison, live, held_at=held_at)
    (held,) = events("livestream_held")
    assert held.key == f"web:livestream_held:{live.pk}" and held.at == held_at and held.unit == p.town
    assert held.data == {"livestream": f"web-{live.pk}"}

    with pytest.raises(ParticipationError, match="满72小时后"):
        actions.record_clicks(p.liaison, live, 25000)
    actions.record_clicks(p.liaison, live, 25000, now=held_at + timedelta(hours=72))
    (stats,) = events("livestream_stats")
    assert stats.key == f"web:livestream_stats:{live.pk}"
    assert stats.data == {"livestream": f"web-{live.pk}", "clicks_72h": 25000}
    with pytest.raises(ParticipationError, match="已登记"):
        actions.record_clicks(p.liaison, live, 30000, now=held_at + timedelta(hours=80))


def test_a_declaration_whose_start_is_in_the_past_is_refused(personas):
    with pytest.raises(ParticipationError, match="必须晚于现在"):
        _declare(personas, planned_start=timezone.now() - timedelta(minutes=5))
    assert not Livestream.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [("title", "", "标题不能为空"), ("place", "", "地点不能为空"), ("link", "", "直播链接")])
def test_declaration_fields_are_required(personas, field, value, message):
    with pytest.raises(ParticipationError, match=message):
        _declare(personas, **{field: value})
    assert not Livestream.objects.exists()


def test_only_the_units_liaison_declares(personas):
    p = personas
    for user in (p.citizen, p.liaison_edu, p.editor):
        with pytest.raises(PermissionDenied):
            actions.declare_livestream(
                user, p.town, title="t", planned_start=timezone.now() + timedelta(days=1), place="x", link="https://a.example"
            )


def test_marking_held_before_approval_is_refused(personas):
    p = personas
    live = _declare(p)
    with pytest.raises(ParticipationError, match="尚未审核通过"):
        actions.mark_held(p.liaison, live)
    live.refresh_from_db()
    assert live.held_at is None
    actions.reject(p.editor, live, reason="时间冲突")
    with pytest.raises(ParticipationError, match="尚未审核通过"):
        actions.mark_held(p.liaison, live)
    assert not events("livestream_held")


def test_held_before_the_declaration_was_made_is_undeclared_and_earns_nothing(personas):
    p = personas
    live = _declare(p)
    actions.accept(p.editor, live)
    live.refresh_from_db()
    actions.mark_held(p.liaison, live, held_at=live.created_at - timedelta(hours=1))
    live.refresh_from_db()
    assert live.undeclared and live.held_at
    assert not events("livestream_held")


def test_an_undeclared_livestream_is_kept_as_a_flagged_record(personas):
    p = personas
    held_at = timezone.now() - timedelta(days=4)
    live = actions.record_undeclared_livestream(p.liaison, p.town, title="临时直播", held_at=held_at, place="广场", link="https://a.example/x")
    assert live.undeclared and live.held_at == held_at and live.status == Status.ACCEPTED
    assert not events("livestream_held") and not events("livestream_declared")
    live = actions.record_clicks(p.liaison, live, 50000)
    assert live.clicks_72h == 50000
    # It earns nothing: not even the click bonus reaches the points engine.
    assert not events("livestream_stats")


def test_clicks_need_a_held_livestream_and_a_non_negative_count(personas):
    p = personas
    live = _declare(p)
    with pytest.raises(ParticipationError, match="尚未举办"):
        actions.record_clicks(p.liaison, live, 10)


def test_database_refuses_held_without_approval(personas):
    p = personas
    with pytest.raises(IntegrityError), transaction.atomic():
        LivestreamFactory(author=p.liaison, unit=p.town, held_at=timezone.now())


def test_a_link_must_be_http(personas):
    with pytest.raises(ParticipationError, match="有效的网址"):
        _declare(personas, link="javascript:alert(1)")
    assert not Livestream.objects.exists()


def test_a_late_approval_still_counts_as_declared_before_the_start(personas):
    p = personas
    live = _declare(p)
    now = timezone.now()
    # Declared two hours ago for a start one hour ago; the editor approves only now.
    Livestream.objects.filter(pk=live.pk).update(created_at=now - timedelta(hours=2), planned_start=now - timedelta(hours=1))
    live.refresh_from_db()
    actions.accept(p.editor, live)
    live = actions.mark_held(p.liaison, live, held_at=now - timedelta(hours=1))
    declared, held = events("livestream_declared")[0], events("livestream_held")[0]
    assert declared.at == now - timedelta(hours=2) and held.at == now - timedelta(hours=1)
    assert not live.undeclared
