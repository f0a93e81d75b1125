"""The scoring engine against every rule of RULES.md §1.3, on the incremental (web) path,
and the batch recompute giving the same totals."""

from decimal import Decimal

import pytest

from wenming.core.periods import Month
from wenming.people import actions as people_actions
from wenming.points import queries
from wenming.points.engine import recompute
from wenming.points.models import CalendarOverride, Entry
from wenming.testing.factories import UserFactory, shanghai

from .helpers import ev

pytestmark = pytest.mark.django_db
MARCH = Month(2017, 3)


def unit_points(scheme, unit, month=MARCH) -> Decimal:
    return queries.unit_totals(scheme, month).get(unit.pk, Decimal("0"))


def publish(unit, when, position, article="A"):
    return ev("article_published", when, unit=unit, article=article, position=position)


@pytest.mark.parametrize(
    ("when", "position", "expected"),
    [
        ((2017, 3, 6, 7, 0), 1, "10"),  # Monday: workday headline
        ((2017, 3, 6, 7, 0), 2, "5"),
        ((2017, 3, 6, 7, 0), 3, "5"),
        ((2017, 3, 6, 7, 0), 4, "0"),
        ((2017, 3, 4, 7, 0), 1, "6"),  # Saturday: holiday single post
        ((2017, 10, 3, 7, 0), 1, "6"),  # National Day holiday on a Tuesday
        ((2017, 1, 22, 7, 0), 1, "10"),  # Sunday made a working day (调休)
    ],
)
def test_article_position_by_official_calendar(liyang, personas, when, position, expected):
    publish(personas.town, when, position)
    assert unit_points(liyang, personas.town, Month(when[0], when[1])) == Decimal(expected)


def test_operator_override_of_a_date(liyang, personas):
    CalendarOverride.objects.create(day=shanghai(2017, 3, 6).date(), is_workday=False, note="临时调整")
    publish(personas.town, (2017, 3, 6, 7, 0), 1)
    assert unit_points(liyang, personas.town) == Decimal("6")


@pytest.mark.parametrize(
    ("reads", "likes", "expected"),
    [
        (2999, 50, "0"),
        (3000, 50, "5"),
        (9999, 51, "7"),
        (10000, 100, "12"),
        (99999, 101, "15"),
        (100000, 101, "105"),
    ],
)
def test_read_and_like_tiers_are_exclusive_with_exact_edges(liyang, personas, reads, likes, expected):
    publish(personas.town, (2017, 3, 6, 7, 0), 4)
    ev("article_stats", (2017, 3, 9, 7, 0), article="A", reads_72h=reads, likes=likes)
    assert unit_points(liyang, personas.town) == Decimal(expected)


def test_latest_stats_win_and_count_in_the_publication_month(liyang, personas):
    publish(personas.town, (2017, 3, 31, 20, 0), 1)  # a Friday, late evening
    ev("article_stats", (2017, 4, 3, 20, 0), article="A", reads_72h=12000, likes=0)
    assert unit_points(liyang, personas.town) == Decimal("20")
    ev("article_stats", (2017, 4, 5, 20, 0), article="A", reads_72h=3500, likes=0)
    assert unit_points(liyang, personas.town) == Decimal("15")
    assert unit_points(liyang, personas.town, Month(2017, 4)) == Decimal("0")
    # An older reading arriving late does not replace the newest.
    ev("article_stats", (2017, 4, 2, 20, 0), article="A", reads_72h=200000, likes=0)
    assert unit_points(liyang, personas.town) == Decimal("15")


def test_livestream_counts_only_when_declared_before(liyang, personas):
    ev("livestream_declared", (2017, 3, 1, 9, 0), unit=personas.town, livestream="L1")
    ev("livestream_held", (2017, 3, 10, 19, 0), unit=personas.town, livestream="L1")
    ev("livestream_stats", (2017, 3, 13, 19, 0), livestream="L1", clicks_72h=20000)
    assert unit_points(liyang, personas.town) == Decimal("50")
    ev("livestream_held", (2017, 3, 11, 19, 0), unit=personas.dept, livestream="L2")
    ev("livestream_declared", (2017, 3, 12, 9, 0), unit=personas.dept, livestream="L2")
    ev("livestream_held", (2017, 3, 14, 19, 0), unit=personas.dept, livestream="L3")
    assert unit_points(liyang, personas.dept) == Decimal("0")


def test_livestream_clicks_edge(liyang, personas):
    ev("livestream_declared", (2017, 3, 1, 9, 0), unit=personas.town, livestream="L1")
    ev("livestream_held", (2017, 3, 10, 19, 0), livestream="L1")
    ev("livestream_stats", (2017, 3, 13, 19, 0), livestream="L1", clicks_72h=19999)
    assert unit_points(liyang, personas.town) == Decimal("30")


@pytest.mark.parametrize(
    ("level", "channel", "reads", "expected"),
    [
        ("local", False, 1999, "3"),
        ("local", False, 2000, "5"),
        ("prefecture", False, 2000, "9"),
        ("province", False, 10, "20"),
        ("province", False, 2000, "25"),
        ("national", False, 2000, "60"),
        ("national", True, 2000, "25"),  # national outlet, Changzhou channel: provincial
        ("national", True, 0, "20"),
    ],
)
def test_reposts_by_outlet_level(liyang, personas, level, channel, reads, expected):
    ev("repost", (2017, 3, 8, 9, 0), unit=personas.town, repost="R1", level=level, prefecture_channel=channel, reads_72h=reads)
    assert unit_points(liyang, personas.town) == Decimal(expected)


def test_person_acts_score_person_and_unit_of_the_moment(liyang, personas):
    citizen = personas.citizen  # in 溧城镇 since 2017-03-01
    ev("share_accepted", (2017, 3, 2, 9, 0), person=citizen, story=1)
    ev("comment_valid", (2017, 3, 2, 9, 5), person=citizen, comment=1)
    for minute in range(3):
        ev("like", (2017, 3, 2, 10, minute), person=citizen, target="s:1")
    ev("lead_accepted", (2017, 3, 2, 11, 0), person=citizen, lead=1)
    ev("share", (2017, 3, 2, 12, 0), person=citizen, target="s:1", channel="wechat")
    assert queries.person_total(citizen, MARCH) == Decimal("1.75")
    assert unit_points(liyang, personas.town) == Decimal("1.75")
    people_actions.choose_group(citizen, personas.dept, at=shanghai(2017, 3, 20, 9, 0))
    ev("like", (2017, 3, 21, 10, 0), person=citizen, target="s:2")
    assert unit_points(liyang, personas.town) == Decimal("1.75")
    assert unit_points(liyang, personas.dept) == Decimal("0.05")
    # 李四 is in no group: personal points only.
    ev("like", (2017, 3, 21, 10, 0), person=personas.citizen2, target="s:2")
    assert queries.person_total(personas.citizen2) == Decimal("0.05")
    assert sum(queries.unit_totals(liyang, MARCH).values()) == Decimal("1.80")


def test_a_backdated_group_choice_reattributes_later_acts(liyang, personas):
    newcomer = UserFactory()
    ev("like", (2017, 3, 10, 10, 0), person=newcomer, target="s:1")
    assert unit_points(liyang, personas.dept) == Decimal("0")
    people_actions.choose_group(newcomer, personas.dept, at=shanghai(2017, 3, 9, 9, 0))
    assert unit_points(liyang, personas.dept) == Decimal("0.05")


def test_like_removed_and_comment_invalidated_take_points_back(liyang, personas):
    like = ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1")
    comment = ev("comment_valid", (2017, 3, 2, 10, 5), person=personas.citizen, comment=9)
    ev("like", (2017, 3, 2, 10, 6), person=personas.citizen, target="s:2")
    ev("like_removed", (2017, 3, 4, 10, 0), person=personas.citizen, like_event=like.key)
    ev("comment_invalidated", (2017, 4, 2, 10, 0), person=personas.citizen, comment_event=comment.key)
    # RULES §1.3: a take-back counts in the month it happens; the like removed in March is March's,
    # the comment ruled invalid in April is April's (March keeps the comment's 0.1).
    assert queries.person_total(personas.citizen, MARCH) == Decimal("0.15")
    assert queries.person_total(personas.citizen, Month(2017, 4)) == Decimal("-0.1")
    assert queries.person_total(personas.citizen) == Decimal("0.05")
    assert unit_points(liyang, personas.town) == Decimal("0.15")
    # The take-back is an entry of its own: the history stays explainable.
    assert Entry.objects.filter(amount__lt=0, person=personas.citizen).count() == 2


def test_every_entry_names_its_rule_version_and_source(liyang, personas):
    event = publish(personas.town, (2017, 3, 6, 7, 0), 1)
    entry = Entry.objects.get(event=event)
    assert (entry.rule, entry.ruleset.version, entry.period.isoformat()) == ("1.headline", "2017.1", "2017-03-01")


def test_recompute_gives_the_same_totals_as_incremental_scoring(liyang, personas):
    publish(personas.town, (2017, 3, 6, 7, 0), 1)
    ev("article_stats", (2017, 4, 9, 7, 0), article="A", reads_72h=3000, likes=60)
    like = ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1")
    ev("like_removed", (2017, 3, 4, 10, 0), person=personas.citizen, like_event=like.key)
    ev("comment_valid", (2017, 3, 2, 10, 5), person=personas.citizen, comment=9)
    ev("repost", (2017, 3, 8, 9, 0), unit=personas.dept, repost="R1", level="national", prefecture_channel=True, reads_72h=1)
    before = queries.unit_totals(liyang, MARCH), queries.person_total(personas.citizen)
    count = Entry.objects.count()
    recompute(liyang, MARCH)
    assert (queries.unit_totals(liyang, MARCH), queries.person_total(personas.citizen)) == before
    assert Entry.objects.count() == count


def test_sums_are_exact_decimals(liyang, personas):
    from wenming.core.numbers import plain

    for minute in range(7):
        ev("like", (2017, 3, 2, 10, minute), person=personas.citizen, target=f"s:{minute}")
    ev("comment_valid", (2017, 3, 2, 11, 0), person=personas.citizen, comment=1)
    assert plain(queries.person_total(personas.citizen, MARCH)) == "0.45"
    assert plain(queries.person_balance(personas.citizen)) == "0.45"
    assert plain(queries.unit_totals(liyang, MARCH)[personas.town.pk]) == "0.45"
