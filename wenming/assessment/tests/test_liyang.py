"""Liyang 2017 (RULES.md §1.1-1.3): the monthly standing with duty gaps, and the year-end vetoes."""

from datetime import date
from decimal import Decimal

import pytest

from wenming.assessment.actions import record_fraud_finding
from wenming.assessment.bulletins import BulletinError, build
from wenming.assessment.liyang import month_rows, year_rows
from wenming.core.periods import Month
from wenming.journal.actions import record_event
from wenming.orgs import actions as org_actions
from wenming.orgs.models import WorkGroup
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db
APRIL = Month(2017, 4)


def accept_shares(person, n, month=4, prefix="s"):
    for i in range(n):
        record_event(
            key=f"test:{prefix}:{i}", type="share_accepted", at=shanghai(2017, month, i + 1, 10), person=person, data={"story": i}
        )


def by_name(rows):
    return {r.unit.name: r for r in rows}


def join_group(scheme, person, on=date(2017, 3, 20)):
    org_actions.join_work_group(WorkGroup.objects.get(name=scheme.params["work_group"]), person, on)


def test_month_standing_counts_points_submissions_followers_and_active_users(liyang, personas):
    accept_shares(personas.citizen, 5)
    rows = by_name(month_rows(liyang, APRIL))
    town = rows["溧城镇"]
    assert town.points == Decimal("2.5")
    assert town.breakdown == {"2.share": Decimal("2.5")}
    assert town.accepted == 5
    assert (town.followers, town.required) == (1, 6000)
    assert (town.members, town.active, town.active_rate) == (1, 1, Decimal("100.00"))
    assert town.rank == 1
    assert not any("投稿" in g for g in town.gaps)
    # 天目湖镇 has nothing: the submission duty gap and no liaison.
    empty = rows["天目湖镇"]
    assert empty.points == 0 and empty.rank == 2
    assert "本月录用投稿 0 篇，少于 5 篇" in empty.gaps
    assert "未指定联络员" in empty.gaps


def test_four_submissions_is_a_gap_five_is_not(liyang, personas):
    accept_shares(personas.citizen, 4)
    assert "本月录用投稿 4 篇，少于 5 篇" in by_name(month_rows(liyang, APRIL))["溧城镇"].gaps
    accept_shares(personas.citizen, 1, prefix="fifth")
    assert not any("投稿" in g for g in by_name(month_rows(liyang, APRIL))["溧城镇"].gaps)


def test_submissions_count_for_the_unit_the_person_was_in_then(liyang, personas):
    from wenming.people.actions import choose_group

    accept_shares(personas.citizen, 2)
    choose_group(personas.citizen, personas.town2, at=shanghai(2017, 4, 20, 9))
    record_event(key="test:late", type="share_accepted", at=shanghai(2017, 4, 25, 9), person=personas.citizen, data={"story": 9})
    rows = by_name(month_rows(liyang, APRIL))
    assert rows["溧城镇"].accepted == 2
    assert rows["天目湖镇"].accepted == 1
    # At the month's end the citizen is a member (and active) of 天目湖镇 only.
    assert (rows["天目湖镇"].members, rows["天目湖镇"].active) == (1, 1)
    assert rows["溧城镇"].members == 0


def test_liaison_gap_until_the_liaison_joins_the_work_group(liyang, personas):
    assert "联络员未加入工作群" in by_name(month_rows(liyang, APRIL))["溧城镇"].gaps
    join_group(liyang, personas.liaison)
    assert "联络员未加入工作群" not in by_name(month_rows(liyang, APRIL))["溧城镇"].gaps


def test_livestream_declaration_warning_each_month_failed_at_year_end(liyang, personas):
    assert "本年度尚未申报直播（提醒）" in by_name(month_rows(liyang, APRIL))["溧城镇"].gaps
    assert "全年未申报直播（未完成）" in by_name(month_rows(liyang, Month(2017, 12)))["溧城镇"].gaps
    record_event(key="test:live", type="livestream_declared", at=shanghai(2017, 5, 3, 9), unit=personas.town, data={"livestream": "1"})
    record_event(key="test:held", type="livestream_held", at=shanghai(2017, 5, 9, 9), unit=personas.town, data={"livestream": "1"})
    may = by_name(month_rows(liyang, Month(2017, 5)))["溧城镇"]
    assert (may.declared, may.held) == (1, 1)
    assert not any("直播" in g for g in may.gaps)
    december = by_name(month_rows(liyang, Month(2017, 12)))["溧城镇"]
    assert december.declared == 0 and not any("直播" in g for g in december.gaps)


def test_year_end_sums_months_and_applies_vetoes(liyang, personas):
    accept_shares(personas.citizen, 4, month=4)
    accept_shares(personas.citizen, 2, month=6, prefix="june")
    # 溧城镇 meets everything: liaison in the group, target reachable (1 follower needed).
    org_actions.set_number_target(personas.town, 2017, 1)
    join_group(liyang, personas.liaison)
    rows = by_name(year_rows(liyang, 2017))
    town = rows["溧城镇"]
    assert town.months == {4: Decimal("2"), 6: Decimal("1")}
    assert town.earned == town.total == Decimal(3)
    assert town.vetoes == []
    assert town.rank == 1
    # No liaison: vetoed with the reason (and below target too).
    assert "未指定联络员" in rows["天目湖镇"].vetoes
    assert rows["天目湖镇"].total == 0


def test_a_unit_with_no_liaison_is_vetoed_even_with_points(liyang, personas):
    org_actions.set_number_target(personas.town2, 2017, 1)
    from wenming.people.actions import choose_group

    choose_group(personas.citizen2, personas.town2, at=shanghai(2017, 3, 2, 9))
    accept_shares(personas.citizen2, 3)
    row = by_name(year_rows(liyang, 2017))["天目湖镇"]
    assert row.earned == Decimal("1.5")
    assert row.vetoes == ["未指定联络员"]
    assert row.total == 0


def test_follower_target_missed_and_fraud_veto(liyang, personas):
    join_group(liyang, personas.liaison)
    accept_shares(personas.citizen, 2)
    row = by_name(year_rows(liyang, 2017))["溧城镇"]
    assert row.vetoes == ["粉丝 1 人，未达年度目标 6000 人"]
    org_actions.set_number_target(personas.town, 2017, 1)
    assert by_name(year_rows(liyang, 2017))["溧城镇"].total == Decimal(1)
    record_fraud_finding(personas.town, 2017, evidence="刷量截图与后台日志", actor=personas.admin)
    row = by_name(year_rows(liyang, 2017))["溧城镇"]
    assert row.vetoes == ["弄虚作假：刷量截图与后台日志"]
    assert row.total == 0 and row.earned == Decimal(1)


def test_month_in_the_future_is_refused(liyang):
    with pytest.raises(BulletinError, match="将来"):
        build(liyang, Month(2999, 1))


def test_submissions_made_count_every_post_of_the_month_whatever_its_status(liyang, personas):
    from django.utils import timezone

    from wenming.participation import actions as participation

    this_month = Month.of(timezone.now())
    for i in range(2):
        participation.post_story(personas.citizen, title=f"好人好事{i}", body="扶老人过马路，帮邻居修水管。")
    participation.post_lead(personas.citizen, kind="wish", title="微心愿", body="希望得到一套课外书。", beneficiary="留守儿童小明")
    rows = by_name(month_rows(liyang, this_month))
    assert rows["溧城镇"].submitted == 3
    assert rows["溧城镇"].accepted == 0  # none accepted yet: the duty counts acceptances
    assert rows["天目湖镇"].submitted == 0
    bulletin = build(liyang, this_month)
    town_line = next(r for r in bulletin["rows"] if r["unit"] == "溧城镇")
    assert town_line["values"]["submitted"] == 3
