"""The registry: members and roles, the gaps per county at their edges, masking, permission scope."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from wenming.netcivility import actions
from wenming.netcivility.choices import TeamRole
from wenming.netcivility.models import Member, MemberRole, YearSetting
from wenming.netcivility.queries import counties_for, members_for, roster_gaps, roster_overview
from wenming.netcivility.queries.registry import revealer

from .factories import member

SH = ZoneInfo("Asia/Shanghai")
C, L, V, LD = TeamRole.COMMENTER, TeamRole.LIAISON, TeamRole.VOLUNTEER, TeamRole.LEADER


def _full_team(county, commenters=3):
    member(county, "领导", "13900000001", LD)
    member(county, "联络", "13900000002", L)
    for i in range(commenters):
        member(county, f"评论{i}", f"1390000001{i}", C)


def test_two_commenters_is_a_gap_three_is_not(personas):
    _full_team(personas.county, commenters=2)
    gaps = roster_gaps(personas.county, 2016, today=date(2016, 3, 1))
    assert gaps == ["网络评论员不足 3 名（现 2 名）"]
    member(personas.county, "评论3", "13900000020", C)
    assert roster_gaps(personas.county, 2016, today=date(2016, 3, 1)) == []


def test_no_leader_no_liaison(personas):
    member(personas.county, "评论", "13900000010", C)
    gaps = roster_gaps(personas.county, 2016, today=date(2016, 3, 1))
    assert gaps[:2] == ["未确定分管领导", "未确定联络员"]


def test_one_person_may_hold_several_roles(personas):
    both = member(personas.county, "吴敏", "13900000002", L, C)
    assert both.role_set() == {L, C}
    member(personas.county, "领导", "13900000001", LD)
    member(personas.county, "评论1", "13900000011", C)
    member(personas.county, "评论2", "13900000012", C)
    assert roster_gaps(personas.county, 2016, today=date(2016, 3, 1)) == []  # the liaison counts as a commenter too


def test_roster_due_date_edges(personas):
    _full_team(personas.county)
    county = personas.county
    # Due 21 March (the seed's date, the default): on the day nothing is late, the next day it is.
    assert roster_gaps(county, 2016, today=date(2016, 3, 21)) == []
    assert roster_gaps(county, 2016, today=date(2016, 3, 22)) == ["名单未在 03月21日 前报送"]
    actions.file_roster(county, 2016, actor=personas.editor, at=datetime(2016, 3, 21, 23, 59, tzinfo=SH))
    assert roster_gaps(county, 2016, today=date(2016, 4, 1)) == []


def test_filed_after_the_due_date_is_a_gap(personas):
    _full_team(personas.county)
    actions.file_roster(personas.county, 2016, actor=personas.editor, at=datetime(2016, 3, 22, 0, 1, tzinfo=SH))
    assert roster_gaps(personas.county, 2016, today=date(2016, 4, 1)) == ["名单逾期报送（2016-03-22 报送，截止 2016-03-21）"]


def test_due_date_is_a_setting_per_year(personas):
    _full_team(personas.county)
    YearSetting.objects.create(year=2017, roster_due=date(2017, 3, 27))
    assert roster_gaps(personas.county, 2017, today=date(2017, 3, 27)) == []
    assert roster_gaps(personas.county, 2017, today=date(2017, 3, 28)) != []


def test_bad_rows_change_nothing(personas):
    for data, reason in (
        ({"name": "甲", "mobile": "1380000", "roles": [C]}, "手机号码"),
        ({"name": "甲", "mobile": "13800000000", "roles": ["网评"]}, "不在登记表中"),
        ({"name": "甲", "mobile": "13800000000", "roles": [C], "blog": "sina"}, "只有网络文明志愿者"),
        ({"name": "", "mobile": "13800000000", "roles": [C]}, "姓名"),
        ({"name": "甲", "mobile": "13800000000", "roles": []}, "角色"),
    ):
        with pytest.raises(actions.TeamError, match=reason):
            actions.save_member(personas.county, data, actor=personas.editor)
    assert not Member.objects.exists()


def test_a_mobile_belongs_to_one_county(personas, county2):
    member(personas.county, "甲", "13800000000", C)
    with pytest.raises(actions.TeamError, match="已登记在溧阳市"):
        actions.save_member(county2, {"name": "甲", "mobile": "13800000000", "roles": [C]}, actor=personas.admin)


def test_saving_again_updates_by_mobile(personas):
    member(personas.county, "甲", "13800000000", C)
    member(personas.county, "甲", "13800000000", V, blog="新浪：jia")
    found = Member.objects.get()
    assert found.role_set() == {V} and found.blog == "新浪：jia"
    assert MemberRole.objects.count() == 1


def test_scope_county_office_sees_its_county_city_office_all(personas, county2, city_editor):
    member(personas.county, "溧阳人", "13800000001", C)
    member(county2, "金坛人", "13800000002", C)
    assert list(counties_for(personas.editor)) == [personas.county]
    assert {m.name for m in members_for(personas.editor)} == {"溧阳人"}
    assert set(counties_for(city_editor)) == {personas.county, county2}
    assert {m.name for m in members_for(city_editor)} == {"溧阳人", "金坛人"}
    assert list(counties_for(personas.outsider_editor)) == []
    assert [r["county"] for r in roster_overview(city_editor, 2016)] == [personas.county, county2]
    with pytest.raises(PermissionDenied):
        actions.save_member(county2, {"name": "x", "mobile": "13800000003", "roles": [C]}, actor=personas.editor)


def test_mobile_whole_only_to_own_office_and_self(personas, city_editor):
    mine = member(personas.county, "甲", "13812345678", V, user=personas.citizen)
    assert revealer(personas.editor)(mine) is True  # the county office itself
    assert revealer(city_editor)(mine) is False  # a higher office sees it masked
    assert revealer(personas.admin)(mine) is False
    assert revealer(personas.citizen)(mine) is True  # the member
    assert mine.masked_mobile == "138****5678"


def test_mobiles_are_encrypted_at_rest(personas):
    from django.db import connection

    found = member(personas.county, "甲", "13812345678", V)
    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile_digest, mobile_cipher, mobile_masked FROM netcivility_member WHERE id = %s", [found.pk])
        digest, cipher, masked = cursor.fetchone()
    assert "13812345678" not in digest + cipher and masked == "138****5678"
    assert Member.objects.get(pk=found.pk).mobile == "13812345678"
    assert Member.objects.by_mobile(" 13812345678 ").get() == found
