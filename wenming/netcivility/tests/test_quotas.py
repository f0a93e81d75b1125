"""Monthly quotas: 0 and 1 posts, three months in a row below quota, the best 10 with ties, refusals."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from wenming.netcivility import actions
from wenming.netcivility.choices import CivilizedLevel, PostKind, TeamRole
from wenming.netcivility.models import CivilizedUnit, Post, PromptAssignment
from wenming.netcivility.queries import best_volunteers, month_compliance, year_compliance
from wenming.netcivility.queries.quotas import below_streak, elapsed_months
from wenming.testing.factories import UnitFactory

from .factories import member

SH = ZoneInfo("Asia/Shanghai")
V = TeamRole.VOLUNTEER


def post(m, day: date, n=1, at=None):
    for i in range(n):
        Post.objects.create(kind=PostKind.BLOG, member=m, title="博文", link=f"https://blog.sina.com.cn/{m.pk}/{day}/{i}",
                            published_on=day, submitted_at=at or datetime(day.year, day.month, day.day, 12, tzinfo=SH))


def test_zero_posts_misses_one_post_meets(personas):
    a = member(personas.county, "甲", "13900000001", V)
    b = member(personas.county, "乙", "13900000002", V)
    post(b, date(2016, 5, 31))
    data = month_compliance(2016, 5, [personas.county])
    rows = {r["subject"].name: (r["count"], r["ok"]) for r in data["persons"]}
    assert rows == {"甲": (0, False), "乙": (1, True)}
    assert a.pk  # 甲 appears although it posted nothing


def test_a_post_counts_in_the_month_it_was_published(personas):
    a = member(personas.county, "甲", "13900000001", V)
    post(a, date(2016, 6, 1), at=datetime(2016, 7, 3, tzinfo=SH))  # submitted in July, published in June
    months = year_compliance(2016, [personas.county])["persons"][0]["months"]
    assert months[5] == 1 and months[6] == 0


def test_three_months_in_a_row_below_quota_is_flagged_two_are_not(personas):
    two = member(personas.county, "两月", "13900000001", V)
    three = member(personas.county, "三月", "13900000002", V)
    for m in (1, 4, 5, 6, 7, 8, 9, 10, 11, 12):  # misses Feb and Mar only
        post(two, date(2016, m, 10))
    for m in (1, 5, 6, 7, 8, 9, 10, 11, 12):  # misses Feb, Mar and Apr
        post(three, date(2016, m, 10))
    rows = {r["subject"].name: r for r in year_compliance(2016, [personas.county])["persons"]}
    assert rows["两月"]["flagged"] is False and rows["两月"]["met"] == 10
    assert rows["三月"]["flagged"] is True and rows["三月"]["met"] == 9 and rows["三月"]["due"] == 12


def test_streak_edges_and_quota_setting():
    months = list(range(1, 13))
    assert below_streak(months, {1: 1, 2: 1, 3: 1}, 1) is True  # April to December is nine months below
    assert below_streak([1, 2], {}, 1) is False  # two months judged so far: never three in a row
    assert below_streak([1, 2, 3], {1: 1, 2: 1, 3: 1}, 2) is True  # a quota of 2 makes 1 a miss
    assert below_streak([1, 2, 3], {1: 1, 2: 1, 3: 1}, 1) is False


def test_the_running_month_is_not_judged():
    assert elapsed_months(2016, date(2016, 4, 15)) == [1, 2, 3]
    assert elapsed_months(2016, date(2017, 1, 1)) == list(range(1, 13))
    assert elapsed_months(2017, date(2016, 4, 15)) == []


def test_national_units_owe_an_article_a_month(personas):
    unit = UnitFactory(name="溧阳供电公司", kind="company", parent=personas.county)
    CivilizedUnit.objects.create(unit=unit, level=CivilizedLevel.NATIONAL)
    provincial = UnitFactory(name="溧阳中学", kind="other", parent=personas.county)
    CivilizedUnit.objects.create(unit=provincial, level=CivilizedLevel.PROVINCIAL)
    Post.objects.create(kind=PostKind.ARTICLE, unit=unit, title="原创", link="https://x.cn/1",
                        published_on=date(2016, 3, 3), submitted_at=timezone.now())
    data = month_compliance(2016, 3, [personas.county])
    assert [(r["subject"].name, r["count"], r["ok"]) for r in data["units"]] == [("溧阳供电公司", 1, True)]
    assert month_compliance(2016, 4, [personas.county])["units"][0]["ok"] is False


def test_best_ten_by_prompts_and_posts_ties_to_the_earlier(personas):
    members = [member(personas.county, f"志愿者{i:02d}", f"139000000{i:02d}", V) for i in range(12)]
    # 志愿者00..11 get 12-i posts... except a tie: 03 and 04 both 3 acts, 04 finished earlier.
    scores = {0: 6, 1: 5, 2: 4, 3: 3, 4: 3, 5: 2, 6: 2, 7: 2, 8: 1, 9: 1, 10: 1, 11: 1}
    for i, n in scores.items():
        for k in range(n):
            day = date(2016, 1 + k, 5)
            post(members[i], day, at=datetime(2016, 1 + k, 5, 10, i if i != 4 else 0, tzinfo=SH))
    # A completed prompt counts like a post: 志愿者11 gets one, so it has 2 and finished last of the 2s.
    from .test_prompts import issue

    prompt = issue(personas.county, [personas.county], personas.editor, now=datetime(2016, 1, 1, tzinfo=SH),
                   deadline=datetime(2016, 12, 1, tzinfo=SH))
    PromptAssignment.objects.filter(prompt=prompt, member=members[11]).update(completed_at=datetime(2016, 11, 1, tzinfo=SH))
    best = best_volunteers(2016, [personas.county])
    names = [b["member"].name for b in best]
    assert len(best) == 10
    assert names[:3] == ["志愿者00", "志愿者01", "志愿者02"]
    # 3 acts each: 04's last act (2016-03-05 10:00) is earlier than 03's (10:03).
    assert names[3:5] == ["志愿者04", "志愿者03"]
    # 2 acts each: 05, 06, 07 finished in February; 11 in November.
    assert names[5:9] == ["志愿者05", "志愿者06", "志愿者07", "志愿者11"]
    assert names[9] == "志愿者08" and best[9]["rank"] == 10
    assert [b["score"] for b in best] == [6, 5, 4, 3, 3, 2, 2, 2, 2, 1]


def test_post_refusals(personas):
    volunteer = member(personas.county, "甲", "13900000001", V)
    liaison = member(personas.county, "乙", "13900000002", TeamRole.LIAISON)
    today = timezone.localdate()
    with pytest.raises(actions.TeamError, match="http"):
        actions.submit_post(volunteer, title="博文", link="javascript:alert(1)", published_on=today)
    with pytest.raises(actions.TeamError, match="只有网络文明志愿者"):
        actions.submit_post(liaison, title="博文", link="https://blog.sina.com.cn/1", published_on=today)
    with pytest.raises(actions.TeamError, match="不能晚于今天"):
        actions.submit_post(volunteer, title="博文", link="https://blog.sina.com.cn/1", published_on=today + timedelta(days=1))
    actions.submit_post(volunteer, title="博文", link="https://blog.sina.com.cn/1", published_on=today)
    with pytest.raises(actions.TeamError, match="已提交过"):
        actions.submit_post(volunteer, title="又一次", link="https://blog.sina.com.cn/1", published_on=today)
    assert Post.objects.count() == 1


def test_articles_only_for_national_units(personas):
    unit = UnitFactory(name="溧阳中学", kind="other", parent=personas.county)
    with pytest.raises(actions.TeamError, match="全国文明单位"):
        actions.submit_article(unit, title="稿", link="https://x.cn/1", published_on=timezone.localdate(), actor=personas.editor)
    CivilizedUnit.objects.create(unit=unit, level=CivilizedLevel.NATIONAL)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.submit_article(unit, title="稿", link="https://x.cn/1", published_on=timezone.localdate(), actor=personas.citizen)
    actions.submit_article(unit, title="稿", link="https://x.cn/1", published_on=timezone.localdate(), actor=personas.editor)
