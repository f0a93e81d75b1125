"""Named personas: the same people in every test, so a test reads like a story.

- 江苏省 → 常州市 → 溧阳市 → 溧城镇 / 天目湖镇 (towns), 教育局 (department)
- ``admin`` 管理员 (platform-wide), ``editor`` 编辑 (scoped to 溧阳市), ``reviewer`` 审核员 (溧阳市),
  ``expert`` 专家, ``liaison`` 溧城镇联络员, ``leader`` 溧城镇分管领导, ``liaison_edu`` 教育局联络员,
  ``citizen`` 张三 (in 溧城镇), ``citizen2`` 李四 (in no group), ``outsider_editor`` (scoped to another city).

``make_second_city`` adds a whole second city (无锡市 → 梁溪区 → 崇安寺街道) with its own staff, beside the
personas or beside the demo: the cross-city tests walk the first city's pages as them.
"""

from dataclasses import dataclass

from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.people.models import User

from .factories import UnitFactory, UserFactory, shanghai


@dataclass
class Personas:
    province: Unit
    city: Unit
    county: Unit
    town: Unit
    town2: Unit
    dept: Unit
    other_city: Unit
    admin: User
    editor: User
    reviewer: User
    expert: User
    liaison: User
    leader: User
    liaison_edu: User
    citizen: User
    citizen2: User
    outsider_editor: User


def make_personas() -> Personas:
    province = UnitFactory(name="江苏省", kind=UnitKind.PROVINCE)
    city = UnitFactory(name="常州市", kind=UnitKind.CITY, parent=province)
    county = UnitFactory(name="溧阳市", kind=UnitKind.COUNTY, parent=city)
    town = UnitFactory(name="溧城镇", kind=UnitKind.TOWN, parent=county, headcount=None)
    town2 = UnitFactory(name="天目湖镇", kind=UnitKind.TOWN, parent=county)
    dept = UnitFactory(name="教育局", kind=UnitKind.DEPARTMENT, parent=county, headcount=300)
    other_city = UnitFactory(name="无锡市", kind=UnitKind.CITY, parent=province)

    admin = UserFactory(username="admin", display_name="管理员", is_superuser=True, is_staff=True)
    editor = UserFactory(username="editor", display_name="编辑")
    reviewer = UserFactory(username="reviewer", display_name="审核员")
    expert = UserFactory(username="expert", display_name="专家")
    liaison = UserFactory(username="liaison", display_name="溧城镇联络员")
    leader = UserFactory(username="leader", display_name="溧城镇分管领导")
    liaison_edu = UserFactory(username="liaison_edu", display_name="教育局联络员")
    citizen = UserFactory(username="citizen", display_name="张三")
    citizen2 = UserFactory(username="citizen2", display_name="李四")
    outsider_editor = UserFactory(username="outsider_editor", display_name="外市编辑")

    people_actions.grant_role(admin, Role.ADMIN)
    people_actions.grant_role(editor, Role.EDITOR, county)
    people_actions.grant_role(reviewer, Role.REVIEWER, county)
    people_actions.grant_role(expert, Role.EXPERT)
    people_actions.grant_role(outsider_editor, Role.EDITOR, other_city)
    for person in (liaison, liaison_edu):
        people_actions.grant_role(person, Role.LIAISON)
    people_actions.grant_role(leader, Role.LEADER)
    for person in (citizen, citizen2):
        people_actions.grant_role(person, Role.CITIZEN)
    town.liaison, town.leader = liaison, leader
    town.save()
    dept.liaison = liaison_edu
    dept.save()
    people_actions.choose_group(citizen, town, at=shanghai(2017, 3, 1, 9, 0))
    for user in (citizen,):
        user.refresh_from_db()
    return Personas(
        province=province,
        city=city,
        county=county,
        town=town,
        town2=town2,
        dept=dept,
        other_city=other_city,
        admin=admin,
        editor=editor,
        reviewer=reviewer,
        expert=expert,
        liaison=liaison,
        leader=leader,
        liaison_edu=liaison_edu,
        citizen=citizen,
        citizen2=citizen2,
        outsider_editor=outsider_editor,
    )


@dataclass
class SecondCity:
    """Another city with its own staff: ``editor`` and ``reviewer`` scoped to it, ``liaison`` of its town."""

    city: Unit
    district: Unit
    town: Unit
    editor: User
    reviewer: User
    liaison: User


def make_second_city(province: Unit | None = None, *, name: str = "无锡市") -> SecondCity:
    """A city beside the first (under ``province``, or the existing 江苏省 when there is one)."""
    if province is None:
        province = Unit.objects.filter(name="江苏省", kind=UnitKind.PROVINCE).first() or UnitFactory(
            name="江苏省", kind=UnitKind.PROVINCE
        )
    city = Unit.objects.filter(name=name, parent=province).first() or UnitFactory(name=name, kind=UnitKind.CITY, parent=province)
    district = UnitFactory(name="梁溪区", kind=UnitKind.COUNTY, parent=city)
    town = UnitFactory(name="崇安寺街道", kind=UnitKind.TOWN, parent=district)
    editor = UserFactory(username="second_city_editor", display_name="无锡编辑")
    reviewer = UserFactory(username="second_city_reviewer", display_name="无锡审核员")
    liaison = UserFactory(username="second_city_liaison", display_name="崇安寺街道联络员")
    people_actions.grant_role(editor, Role.EDITOR, city)
    people_actions.grant_role(reviewer, Role.REVIEWER, city)
    people_actions.grant_role(liaison, Role.LIAISON)
    town.liaison = liaison
    town.save()
    return SecondCity(city=city, district=district, town=town, editor=editor, reviewer=reviewer, liaison=liaison)
