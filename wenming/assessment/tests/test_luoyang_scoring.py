"""Luoyang 2014 (RULES.md §2): items split by occurrences, deadlines, quality scores, the network bonus."""

from decimal import Decimal

import pytest

from wenming.assessment.luoyang import assess_year, network_bonus, occurrences_met, score_item
from wenming.assessment.models import Item
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db

BONUS = {"zero_below": 3, "full_at": 6, "max": "4"}


@pytest.mark.parametrize(
    ("count", "bonus"), [(0, "0"), (2, "0"), (3, "1"), (4, "2"), (5, "3"), (6, "4"), (7, "4"), (40, "4")]
)
def test_network_bonus_edges(count, bonus):
    assert network_bonus(count, BONUS) == Decimal(bonus)


def test_scheme_file_has_eleven_items_worth_thirty(luoyang):
    items = list(Item.objects.filter(scheme=luoyang))
    assert len(items) == 11
    assert sum(i.points for i in items) == Decimal(30)
    assert {i.number for i in items if i.quality_scored} == {1, 2, 3, 5, 6, 11}
    assert Item.objects.get(scheme=luoyang, number=7).occurrences == 4


def test_report_at_0730_on_1_april_shanghai_is_second_quarter(luoyang):
    item4 = Item.objects.get(scheme=luoyang, number=4)
    # 23:30 UTC on 31 March: still Q1 in UTC, already Q2 in Shanghai.
    at = shanghai(2014, 4, 1, 7, 30)
    assert at.utcoffset().total_seconds() == 8 * 3600
    assert occurrences_met(item4, 2014, [shanghai(2014, 2, 1, 9, 0), at]) == 2
    assert score_item(item4, 2014, [shanghai(2014, 3, 31, 23, 59), at], None) == Decimal(2)
    # Two reports in the same quarter meet it once.
    assert score_item(item4, 2014, [shanghai(2014, 4, 2, 9), at], None) == Decimal(1)


def test_item7_half_point_per_quarter_and_item2_needs_quality(luoyang):
    item7 = Item.objects.get(scheme=luoyang, number=7)
    assert score_item(item7, 2014, [shanghai(2014, 1, 5, 9), shanghai(2014, 7, 5, 9)], None) == Decimal("1")
    item2 = Item.objects.get(scheme=luoyang, number=2)
    first_half = [shanghai(2014, 3, 1, 9)]
    # Quality-scored: nothing until a reviewer scores; then the score, capped by the halves met.
    assert score_item(item2, 2014, first_half, None) == 0
    assert score_item(item2, 2014, first_half, Decimal("1.5")) == Decimal(1)
    assert score_item(item2, 2014, [*first_half, shanghai(2014, 9, 1, 9)], Decimal("1.5")) == Decimal("1.5")


def test_deadline_items_count_only_on_or_before_the_deadline(luoyang):
    item11 = Item.objects.get(scheme=luoyang, number=11)
    on_time = shanghai(2014, 8, 31, 23, 59)
    late = shanghai(2014, 9, 1, 0, 0)
    assert score_item(item11, 2014, [on_time], Decimal(2)) == Decimal(2)
    assert score_item(item11, 2014, [late], Decimal(2)) == 0
    item1 = Item.objects.get(scheme=luoyang, number=1)
    # Plan by end of March, summary by end of November: one report each.
    assert occurrences_met(item1, 2014, [shanghai(2014, 3, 20, 9), shanghai(2014, 11, 30, 18)]) == 2
    assert occurrences_met(item1, 2014, [shanghai(2014, 3, 20, 9)]) == 1
    assert occurrences_met(item1, 2014, [shanghai(2014, 4, 1, 0, 0), shanghai(2014, 11, 2, 9)]) == 1
    assert occurrences_met(item1, 2014, [shanghai(2014, 12, 1, 9)]) == 0
    assert score_item(item1, 2014, [shanghai(2014, 3, 20, 9)], Decimal(2)) == Decimal(1)


def test_per_notice_items_take_the_reviewer_score(luoyang):
    item9 = Item.objects.get(scheme=luoyang, number=9)
    assert score_item(item9, 2014, [], None) == 0
    assert score_item(item9, 2014, [], Decimal("2.5")) == Decimal("2.5")


def test_assess_year_adds_bonus_on_top_of_items(luoyang):
    from wenming.assessment import actions

    unit, other = luoyang.test_units
    for month in (1, 4, 7, 10):
        actions.report_material(
            luoyang, unit, 4, title="核心价值观宣讲", reported_at=shanghai(2014, month, 3, 9), event_key=f"t:{month}", source="import"
        )
    actions.record_quality_score(luoyang, unit, 9, 2014, "3")
    for n in range(6):
        actions.record_republication(unit, shanghai(2014, 5, n + 1, 9), event_key=f"r:{n}")
    actions.record_republication(other, shanghai(2014, 5, 1, 9), event_key="r:other")
    actions.record_republication(other, shanghai(2013, 12, 31, 23, 59), event_key="r:lastyear")
    results = {r.unit.pk: r for r in assess_year(luoyang, 2014)}
    mine = results[unit.pk]
    assert mine.items[4] == Decimal(4)
    assert mine.items[9] == Decimal(3)
    assert mine.bonus == Decimal(4)
    assert mine.total == Decimal(11)
    assert results[other.pk].republished == 1
    assert results[other.pk].total == 0
