"""The events written here reach the points engine as docs/contracts.md promises (Liyang rules)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from wenming.assessment.schemes import load_scheme
from wenming.core.periods import Month
from wenming.participation import actions
from wenming.participation.models import Livestream
from wenming.points import queries

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_person_acts_earn_and_take_back_their_points(personas):
    p = personas
    load_scheme("liyang-2017")
    story = StoryFactory(author=p.citizen, unit=p.town)
    actions.accept(p.editor, story)
    other = StoryFactory(author=p.citizen2, unit=p.town, accepted=True)
    actions.toggle_like(p.citizen, other)
    comment = actions.post_comment(p.citizen, other, "向好人好事学习")
    actions.post_comment(p.citizen, other, "好")  # too short: earns nothing
    assert queries.person_total(p.citizen) == Decimal("0.65")
    actions.toggle_like(p.citizen, other)
    actions.set_comment_validity(p.editor, comment, False)
    assert queries.person_total(p.citizen) == Decimal("0.5")


def test_a_declared_and_held_livestream_earns_its_unit_points_an_undeclared_one_nothing(personas):
    p = personas
    scheme = load_scheme("liyang-2017")
    now = timezone.now()
    live = actions.declare_livestream(
        p.liaison, p.town, title="直播", planned_start=now + timedelta(days=1), place="广场", link="https://a.example/1"
    )
    Livestream.objects.filter(pk=live.pk).update(created_at=now - timedelta(days=2), planned_start=now - timedelta(hours=1))
    live.refresh_from_db()
    actions.accept(p.editor, live)
    actions.mark_held(p.liaison, live, held_at=now - timedelta(hours=1))
    actions.record_undeclared_livestream(
        p.liaison, p.town, title="临时", held_at=now - timedelta(hours=2), place="x", link="https://a.example/2"
    )
    month = Month.of(now - timedelta(hours=1))
    assert queries.unit_totals(scheme, month).get(p.town.pk) == Decimal("30")
