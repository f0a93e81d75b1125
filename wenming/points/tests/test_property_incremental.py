"""Property: for any stream of events, the totals kept by incremental scoring equal a recompute."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wenming.core.periods import Month
from wenming.journal.actions import record_event
from wenming.people import actions as people_actions
from wenming.people.models import User
from wenming.points import queries
from wenming.points.engine import recompute
from wenming.points.models import Entry, Total
from wenming.points.periods import period_of
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db

START = shanghai(2017, 3, 1, 0, 0)
MONTHS = [Month(2017, 3), Month(2017, 4)]

person_act = st.tuples(
    st.sampled_from(["like", "comment_valid", "share_accepted", "lead_accepted", "share", "like_removed", "join"]),
    st.integers(0, 2),  # which person
    st.integers(0, 2),  # which unit (for joins)
)
unit_act = st.tuples(
    st.sampled_from(["article_published", "article_stats", "livestream_declared", "livestream_held", "livestream_stats", "repost"]),
    st.integers(0, 2),  # which item
    st.integers(0, 2),  # which unit
    st.integers(0, 120000),  # a stat value
)
stream = st.lists(st.tuples(st.integers(0, 60 * 24 * 55), st.one_of(person_act, unit_act)), max_size=25)


def _snapshot(scheme, people):
    return (
        [queries.unit_totals(scheme, m) for m in MONTHS],
        [queries.person_total(p, m) for p in people for m in MONTHS],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=stream)
def test_incremental_equals_recomputed(liyang, personas, events):
    units = [personas.town, personas.town2, personas.dept]
    with transaction.atomic():
        people = [User.objects.create(username=f"h{i}") for i in range(3)]
        likes: list[str] = []
        for n, (minute, act) in enumerate(sorted(events, key=lambda e: e[0])):
            at = START + timedelta(minutes=minute, seconds=n)
            kind = act[0]
            if kind == "join":
                people_actions.choose_group(people[act[1]], units[act[2]], at=at)
            elif kind == "like_removed":
                if likes:
                    record_event(key=f"h:rm:{n}", type=kind, at=at, person=people[act[1]], data={"like_event": likes[-1]})
            elif len(act) == 3:
                key = f"h:{kind}:{n}"
                record_event(key=key, type=kind, at=at, person=people[act[1]], data={"target": n})
                if kind == "like":
                    likes.append(key)
            else:
                _kind, item, unit, value = act
                data = {
                    "article_published": {"article": item, "position": value % 5},
                    "article_stats": {"article": item, "reads_72h": value, "likes": value % 150},
                    "livestream_declared": {"livestream": item},
                    "livestream_held": {"livestream": item},
                    "livestream_stats": {"livestream": item, "clicks_72h": value // 3},
                    "repost": {"repost": n, "level": ["local", "prefecture", "province", "national"][value % 4],
                               "prefecture_channel": bool(value % 2), "reads_72h": value // 30},
                }[kind]
                has_unit = kind in ("article_published", "livestream_declared", "repost") or (kind == "livestream_held" and unit)
                record_event(key=f"h:{kind}:{n}", type=kind, at=at, unit=units[unit] if has_unit else None, data=data)
        incremental = _snapshot(liyang, people)
        # The cached totals kept incrementally equal the aggregate of the ledger.
        for month in MONTHS:
            cached = dict(Total.objects.filter(scheme=liyang, period=period_of(month), unit__isnull=False).values_list("unit_id", "points"))
            assert cached == queries.unit_totals(liyang, month)
            for person in people:
                row = Total.objects.filter(scheme=liyang, period=period_of(month), person=person).values_list("points", flat=True).first()
                assert (row or Decimal(0)) == queries.person_total(person, month)
        # Every person's totals carry the group the person is in now.
        groups = dict(type(people[0]).objects.filter(pk__in=[p.pk for p in people]).values_list("pk", "group_id"))
        assert all(groups[p] == g for p, g in Total.objects.filter(person__in=people).values_list("person_id", "group_id"))
        for month in MONTHS:
            recompute(liyang, month)
        assert _snapshot(liyang, people) == incremental
        assert all(isinstance(v, Decimal) for v in incremental[1])
        transaction.set_rollback(True)
    assert not Entry.objects.filter(person__username__startswith="h").exists()
