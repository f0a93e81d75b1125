"""Demo data from the seeds: the Liyang 2017 unit tree, its targets, and named demo accounts.

Idempotent: every row is found before it is created, so a second run changes nothing. Passwords
are random, generated on the first run and written to a file beside the database; nothing here
is a fixed credential. Other apps add their own demo rows through ``AppConfig.load_demo(ctx)``.
"""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from wenming.assessment.schemes import enroll_other_unit, load_scheme
from wenming.core.periods import SHANGHAI
from wenming.orgs import actions as org_actions
from wenming.orgs.models import Unit, WorkGroup
from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.people.models import GroupChoice, User

# Example "其他单位" (row 28): units outside the table, judged by the formula target.
DEMO_OTHER_UNITS = [("溧阳市图书馆", 60), ("溧阳市文化馆", 120)]

# (username, display name, role, scope unit name or None for platform-wide)
DEMO_STAFF = [
    ("admin", "平台管理员", Role.ADMIN, None),
    ("editor", "文明办编辑", Role.EDITOR, "溧阳市"),
    ("reviewer", "文明办审核员", Role.REVIEWER, "溧阳市"),
    ("expert", "评审专家", Role.EXPERT, None),
]

# (username, display name, [(group unit name, when)...]) — the last choice is the one in force.
DEMO_CITIZENS = [
    ("citizen1", "张晓明", [("溧城镇", "2017-03-01T09:00")]),
    ("citizen2", "李芳", [("天目湖镇", "2017-03-02T10:00"), ("教育局", "2017-04-10T08:30")]),
    ("citizen3", "王建国", [("教育局", "2017-03-05T19:20")]),
    ("citizen4", "陈静", []),
]


@dataclass
class DemoContext:
    """What the base demo created, handed to each app's ``load_demo``."""

    scheme: object
    region: Unit
    users: dict[str, User]
    password: str
    created: list[str] = field(default_factory=list)


def _password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-passwords.txt"


def _demo_password() -> tuple[str, bool]:
    path = _password_file()
    if path.exists():
        return path.read_text(encoding="utf-8").split("=", 1)[1].strip(), False
    return "wm-" + secrets.token_urlsafe(9), True


def _user(username: str, display_name: str, password_hash: str, ctx_created: list[str]) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        # One hash shared by every demo account: hashing 60+ times would take most of a minute.
        user = User(username=username, display_name=display_name, password=password_hash)
        user.save()
        ctx_created.append(username)
    return user


@transaction.atomic
def load_demo(*, password: str | None = None) -> DemoContext:
    pw, fresh = (password, False) if password else _demo_password()
    created: list[str] = []
    pw_hash = make_password(pw)
    scheme = load_scheme("liyang-2017")
    region = scheme.region
    for name, headcount in DEMO_OTHER_UNITS:
        enroll_other_unit(scheme, name, headcount=headcount)

    users: dict[str, User] = {}
    for username, display, role, scope in DEMO_STAFF:
        user = _user(username, display, pw_hash, created)
        if role == Role.ADMIN and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
            user.refresh_from_db()
        scope_unit = Unit.objects.filter(name=scope).first() if scope else None
        if not user.groups.filter(name=role).exists() or (
            scope_unit and not user.role_assignments.filter(role=role, unit=scope_unit).exists()
        ):
            people_actions.grant_role(user, role, scope_unit)
        users[username] = user

    group = WorkGroup.objects.get(name=scheme.params["work_group"])
    joined = date(2017, 3, 20)
    for index, enrollment in enumerate(scheme.enrollments.select_related("unit").order_by("sort_order", "id"), 1):
        unit = enrollment.unit
        liaison = _user(f"liaison{index:02d}", f"{unit.name}联络员", pw_hash, created)
        leader = _user(f"leader{index:02d}", f"{unit.name}分管领导", pw_hash, created)
        for person, role in ((liaison, Role.LIAISON), (leader, Role.LEADER)):
            if not person.groups.filter(name=role).exists():
                people_actions.grant_role(person, role)
        org_actions.appoint(unit, liaison=liaison, leader=leader)
        # The example other units' liaisons have not joined the work group: the bulletin shows the gap.
        if not enrollment.is_other:
            org_actions.join_work_group(group, liaison, joined)
        users[liaison.username] = liaison

    for username, display, choices in DEMO_CITIZENS:
        citizen = _user(username, display, pw_hash, created)
        if not citizen.groups.filter(name=Role.CITIZEN).exists():
            people_actions.grant_role(citizen, Role.CITIZEN)
        for unit_name, when in choices:
            at = datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
            if not GroupChoice.objects.filter(person=citizen, chosen_at=at).exists():
                people_actions.choose_group(citizen, Unit.objects.get(name=unit_name, parent=region), at=at)
        users[username] = citizen

    ctx = DemoContext(scheme=scheme, region=region, users=users, password=pw, created=created)
    for config in apps.get_app_configs():
        hook = getattr(config, "load_demo", None)
        if callable(hook):
            hook(ctx)
    if fresh:
        path = _password_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"password={pw}\n", encoding="utf-8")
    return ctx
