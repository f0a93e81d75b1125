"""Leaderboards: units within the city, people within a unit; ties share a rank."""

import pytest
from django.urls import reverse

from wenming.people import actions as people_actions
from wenming.points import queries
from wenming.testing.factories import UserFactory, shanghai

from .helpers import ev

pytestmark = pytest.mark.django_db


def test_units_ranked_with_shared_ranks(client, liyang, personas, django_assert_max_num_queries):
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town, article="A", position=1)
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.dept, article="B", position=1)
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town2, article="C", position=2)
    client.force_login(personas.citizen)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("points:leaderboard"), {"month": "2017-03"})
    rows = response.context["rows"]
    assert [(r[0], r[2]) for r in rows] == [(1, 10), (1, 10), (3, 5)]
    assert {r[1] for r in rows[:2]} == {"溧城镇", "教育局"}


def test_people_within_a_unit_for_a_year(client, liyang, personas):
    others = [UserFactory(display_name=f"居民{i}") for i in range(3)]
    for person in others:
        people_actions.choose_group(person, personas.town, at=shanghai(2017, 3, 1, 8, 0))
    ev("lead_accepted", (2017, 3, 2, 9, 0), person=others[0], lead=1)
    ev("lead_accepted", (2017, 5, 2, 9, 0), person=others[0], lead=2)
    ev("lead_accepted", (2017, 3, 2, 9, 0), person=others[1], lead=3)
    ev("share_accepted", (2017, 4, 2, 9, 0), person=others[1], story=4)
    ev("share_accepted", (2017, 4, 2, 9, 0), person=others[1], story=5)
    ev("lead_accepted", (2017, 3, 2, 9, 0), person=others[2], lead=6)
    client.force_login(personas.citizen)
    response = client.get(reverse("points:leaderboard"), {"by": "person", "year": "2017"})
    assert [(r[0], r[1], r[2]) for r in response.context["rows"]] == [(1, "居民0", 2), (1, "居民1", 2), (3, "居民2", 1)]
    assert "居民0" in response.content.decode()


def test_rank_helper_shares_ranks():
    ranked = queries.rank({1: 5, 2: 7, 3: 5, 4: 1})
    assert [(r.rank, r.subject_id) for r in ranked] == [(1, 2), (2, 1), (2, 3), (4, 4)]


def test_no_group_sends_back_to_unit_ranking(client, liyang, personas):
    client.force_login(personas.citizen2)
    response = client.get(reverse("points:leaderboard"), {"by": "person"})
    assert response.status_code == 302


def test_equal_totals_share_a_rank_whatever_the_sum_order(liyang, personas):
    # Three likes (0.05 + 0.05 + 0.05) and one adjustment of 0.15: equal points. SQLite sums
    # binary floats (0.15000000000000002), so an unrounded cached total would rank them apart.
    from decimal import Decimal

    from wenming.core.periods import Month
    from wenming.points import actions

    for minute in range(3):
        ev("like", (2017, 3, 2, 10, minute), person=personas.citizen, target=f"s:{minute}")
    actions.adjust_points(scheme=liyang, month=Month(2017, 3), actor=personas.admin, person=personas.citizen2,
                          amount=Decimal("0.15"), reason="补记")
    ranked = queries.leaderboard(liyang, month=Month(2017, 3), by="person")
    assert [(r.rank, r.points) for r in ranked] == [(1, Decimal("0.15")), (1, Decimal("0.15"))]
    assert queries.my_rank(liyang, Month(2017, 3), personas.citizen).rank_in_city == 1
    assert queries.my_rank(liyang, Month(2017, 3), personas.citizen2).rank_in_city == 1


def test_my_rank_in_my_unit_counts_only_members_with_points(liyang, personas):
    from wenming.core.periods import Month

    members = [UserFactory() for _ in range(4)]
    outsider = UserFactory()
    for person in members:
        people_actions.choose_group(person, personas.town, at=shanghai(2017, 3, 1, 8, 0))
    people_actions.choose_group(outsider, personas.dept, at=shanghai(2017, 3, 1, 8, 0))
    # Members 0 and 1 tie on 2 points, member 2 has 1, member 3 nothing; the outsider has 5.
    for n, (person, leads) in enumerate([(members[0], 2), (members[1], 2), (members[2], 1), (outsider, 5)]):
        for i in range(leads):
            ev("lead_accepted", (2017, 3, 2, 9, i), person=person, lead=f"{n}-{i}")
    month = Month(2017, 3)
    first, tied, last = (queries.my_rank(liyang, month, members[i]) for i in range(3))
    assert (first.rank_in_unit, tied.rank_in_unit, last.rank_in_unit) == (1, 1, 3)
    assert first.members_ranked == 3
    assert (first.rank_in_city, last.rank_in_city, last.people_ranked) == (2, 4, 4)
    assert queries.my_rank(liyang, month, members[3]).rank_in_unit is None


def test_people_within_a_unit_follow_the_group_they_are_in_now(liyang, personas):
    from wenming.core.periods import Month
    from wenming.people.models import User
    from wenming.points.models import Total

    mover, stayer = UserFactory(), UserFactory()
    for person in (mover, stayer):
        people_actions.choose_group(person, personas.town, at=shanghai(2017, 3, 1, 8, 0))
        ev("lead_accepted", (2017, 3, 2, 9, 0), person=person, lead=f"m-{person.pk}")
    march = Month(2017, 3)

    def members(unit):
        return {r.subject_id for r in queries.leaderboard(liyang, month=march, by="person", unit_ids=[unit.pk])}

    assert members(personas.town) == {mover.pk, stayer.pk}
    # Moving in April changes no March points, but the person is now one of the department's people.
    people_actions.choose_group(mover, personas.dept, at=shanghai(2017, 4, 3, 8, 0))
    assert (members(personas.town), members(personas.dept)) == ({stayer.pk}, {mover.pk})
    # Whoever changes the group (here a raw update, as the admin's form does), the totals follow.
    User.objects.filter(pk=stayer.pk).update(group=personas.dept)
    assert members(personas.dept) == {mover.pk, stayer.pk}
    assert not Total.objects.filter(person__isnull=False).exclude(group_id=personas.dept.pk).filter(
        person_id__in=[mover.pk, stayer.pk]
    ).exists()
    stayer.refresh_from_db()
    assert queries.my_rank(liyang, march, stayer).members_ranked == 2
