"""Builders for volunteering tests: a small organisation tree, projects, sessions and volunteers."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count

import pytest

from wenming.testing.factories import UserFactory, shanghai

from .. import actions
from ..choices import OrgKind
from ..idnumbers import gb11643_check_digit
from ..models import Organisation, Project, Session, Volunteer

_seq = count(1)


def resident_id(n: int | None = None, born: str = "19900307") -> str:
    """A valid 居民身份证 number (320481 + birth date + sequence + GB 11643 check digit)."""
    n = next(_seq) if n is None else n
    first17 = f"320481{born}{n % 1000:03d}"
    return first17 + gb11643_check_digit(first17)


def make_volunteer(user=None, *, name: str = "王志愿", born: str = "19900307", **kw) -> Volunteer:
    user = user or UserFactory()
    return actions.register_volunteer(
        user, real_name=name, id_type=kw.pop("id_type", "resident"), id_number=kw.pop("id_number", None)
        or resident_id(born=born), phone=kw.pop("phone", "13912345678"), consent=True, **kw,
    )


@dataclass
class World:
    center: Organisation
    station: Organisation
    team: Organisation
    other_team: Organisation
    center_admin: object
    team_admin: object
    other_admin: object
    project: Project
    session: Session


def make_world(personas, *, start: datetime | None = None, hours: int = 3, slots: int = 2, **project_kw) -> World:
    admin = personas.admin
    center = actions.create_organisation(name="溧阳市新时代文明实践中心", kind=OrgKind.CENTER, unit=personas.county,
                                         actor=admin)
    station = actions.create_organisation(name="溧城镇实践站", kind=OrgKind.STATION, parent=center,
                                          unit=personas.town, actor=admin)
    team = actions.create_organisation(name="溧城镇志愿服务队", parent=station, actor=admin)
    other = actions.create_organisation(name="天目湖志愿服务队", parent=center, unit=personas.town2, actor=admin)
    center_admin = UserFactory(username="center_admin", display_name="中心管理员")
    station_admin = UserFactory(username="station_admin", display_name="实践站管理员")
    team_admin = UserFactory(username="team_admin", display_name="队长")
    other_admin = UserFactory(username="other_admin", display_name="外队队长")
    actions.add_org_admin(center, center_admin, actor=admin)
    actions.add_org_admin(station, station_admin, actor=admin)
    actions.add_org_admin(team, team_admin, actor=admin)
    actions.add_org_admin(other, other_admin, actor=admin)
    project_kw.setdefault("needs_approval", False)
    project = actions.publish_project(team=team, actor=team_admin, title="文明交通劝导", slots=slots,
                                      place="燕山路口", **project_kw)
    start = start or shanghai(2030, 5, 6, 9, 0)
    session = actions.add_session(project, actor=team_admin, start=start, end=start + timedelta(hours=hours))
    world = World(center, station, team, other, center_admin, team_admin, other_admin, project, session)
    world.station_admin = station_admin
    return world


@pytest.fixture
def world(personas):
    return make_world(personas)


def session_at(world, start: datetime, hours: float = 3) -> Session:
    return actions.add_session(world.project, actor=world.team_admin, start=start,
                               end=start + timedelta(hours=hours))


__all__ = ["make_volunteer", "make_world", "resident_id", "session_at", "shanghai", "world"]
