"""Demo rows around today: a 新时代文明实践 tree over the demo region, two teams, projects with sessions
from last week to next week, registered volunteers with attendance, hours and their records.

Idempotent: every row is looked up before it is written (by name, by the session's demo key), so a
second run adds nothing. Writes go through the app's actions, the same paths as the pages.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from wenming.core.periods import SHANGHAI

from . import actions, checkin
from .choices import OrgKind
from .idnumbers import gb11643_check_digit
from .models import Attendance, AwardRecord, Organisation, Project, Session, Signup, TrainingRecord, Volunteer

# (username, real name, birth date): demo citizens registered as volunteers.
VOLUNTEERS = [("citizen1", "张晓明", "19880512"), ("citizen2", "李芳", "19950203"), ("citizen3", "王建国", "19700918")]
# (project title, field name, place, [(days from today, start hour, hours)])
PROJECTS = [
    ("文明交通劝导", "文明劝导", "燕山路与平陵路路口", [(-7, 7, 2), (-1, 7, 2), (1, 7, 2), (6, 7, 2)]),
    ("社区四点半课堂", "四点半课堂", "溧城镇新时代文明实践站", [(-3, 16, 2), (2, 16, 2)]),
    ("天目湖河湖巡护", "河湖巡护", "天目湖景区", [(-2, 8, 10), (4, 8, 4)]),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def _org(name, kind, parent, unit, admin):
    found = Organisation.objects.filter(name=name, parent=parent).first()
    return found or actions.create_organisation(name=name, kind=kind, parent=parent, unit=unit, actor=admin)


def _id_number(i: int, born: str) -> str:
    first17 = f"320481{born}{800 + i:03d}"
    return first17 + gb11643_check_digit(first17)


def load_demo(ctx) -> None:
    from wenming.orgs.models import Unit

    admin = ctx.users.get("admin")
    if admin is None:
        return
    town = Unit.objects.filter(name="溧城镇").first()
    lake = Unit.objects.filter(name="天目湖镇").first()
    center = _org("溧阳市新时代文明实践中心", OrgKind.CENTER, None, ctx.region, admin)
    institute = _org("溧城镇新时代文明实践所", OrgKind.INSTITUTE, center, town, admin)
    station = _org("燕山社区新时代文明实践站", OrgKind.STATION, institute, town, admin)
    team = _org("燕山社区志愿服务队", OrgKind.TEAM, station, town, admin)
    lake_team = _org("天目湖生态志愿服务队", OrgKind.TEAM, center, lake, admin)
    lake_team.join_needs_approval = True
    lake_team.save(update_fields=["join_needs_approval"])
    for org in (center, team, lake_team):
        actions.add_org_admin(org, admin, actor=admin)
    if town is not None and town.liaison_id:
        actions.add_org_admin(team, town.liaison, actor=admin)

    volunteers = []
    for i, (username, name, born) in enumerate(VOLUNTEERS):
        user = ctx.users.get(username)
        if user is None:
            continue
        v = Volunteer.objects.filter(user=user).first()
        if v is None:
            v = actions.register_volunteer(user, real_name=name, id_type="resident", id_number=_id_number(i, born),
                                           phone=f"1391234{5670 + i}", consent=True, skills="摄影、急救",
                                           available_time="周末", region=town)
            ctx.created.append(f"志愿者 {name}")
            TrainingRecord.objects.create(volunteer=v, title="志愿服务通识培训", on=timezone.localdate() - timedelta(days=30),
                                          issuer=center.name, hours=Decimal("2.00"))
            if i == 0:
                AwardRecord.objects.create(volunteer=v, title="优秀志愿者", on=timezone.localdate() - timedelta(days=60),
                                           issuer=center.name)
        if not v.memberships.filter(organisation=team).exists():
            actions.join_team(v, team)
        volunteers.append(v)

    from .models import ServiceField

    for title, field_name, place, sessions in PROJECTS:
        owner = lake_team if "天目湖" in title else team
        project = Project.objects.filter(team=owner, title=title).first() or actions.publish_project(
            team=owner, actor=admin, title=title, field=ServiceField.objects.filter(name=field_name).first(),
            description=f"{title}：欢迎报名参加。", place=place, district=owner.unit, slots=10, needs_approval=False,
        )
        for days, hour, hours in sessions:
            key = f"demo:{project.pk}:{days}"
            session = Session.objects.filter(external_id=key).first() or actions.add_session(
                project, actor=admin, start=_at(days, hour), end=_at(days, hour) + timedelta(hours=hours),
                place=place, latitude=Decimal("31.416000"), longitude=Decimal("119.484000"), radius_m=300,
                external_id=key,
            )
            _attend(session, volunteers, admin, past=days < 0)


def _attend(session, volunteers, admin, *, past: bool) -> None:
    """Past sessions get sign-ups and attendance written as they happened; future ones get sign-ups."""
    for i, v in enumerate(volunteers):
        if not Signup.objects.filter(volunteer=v, session=session).exists():
            now = session.start - timedelta(days=2) if past else None
            if past or session.start > timezone.now():
                actions.sign_up(v, session, now=now)
        if past and not Attendance.objects.filter(volunteer=v, session=session).exists():
            start = session.start + timedelta(minutes=3 * i)
            actions.check_in_by_code(v, session, checkin.code_for(session, checkin.window_of(start)), at=start)
            if i != 2:  # the third volunteer forgot to check out: the organiser sees it on the console
                end = session.end - timedelta(minutes=5 * i)
                actions.check_in_by_code(v, session, checkin.code_for(session, checkin.window_of(end)), at=end)
