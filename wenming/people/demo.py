"""Demo accounts: the office's staff over the demo region, and four citizens with group choices.

Found before created: a second run changes nothing. Every demo account shares the run's random
password (``ctx.password_hash``); the units' liaisons and leaders are made by the app that knows
which units have them (assessment, from the scheme's enrolments), with ``demo_user`` below.
"""

from datetime import datetime

from wenming.core.periods import SHANGHAI
from wenming.orgs.queries import units

from . import actions
from .choices import Role
from .models import GroupChoice, User

# (username, display name, role, whether the role is held over the demo region; else platform-wide)
DEMO_STAFF = [
    ("admin", "平台管理员", Role.ADMIN, False),
    ("editor", "文明办编辑", Role.EDITOR, True),
    ("reviewer", "文明办审核员", Role.REVIEWER, True),
    ("expert", "评审专家", Role.EXPERT, False),
]

# (username, display name, [(group unit name, when)...]) — the last choice is the one in force.
DEMO_CITIZENS = [
    ("citizen1", "张晓明", [("溧城镇", "2017-03-01T09:00")]),
    ("citizen2", "李芳", [("天目湖镇", "2017-03-02T10:00"), ("教育局", "2017-04-10T08:30")]),
    ("citizen3", "王建国", [("教育局", "2017-03-05T19:20")]),
    ("citizen4", "陈静", []),
]


def demo_user(ctx, username: str, display_name: str) -> User:
    """The demo account ``username``, created with the demo password if it does not exist yet."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display_name, password=ctx.password_hash)
        user.save()
        ctx.created.append(username)
    return user


def load_demo_staff(ctx) -> None:
    for username, display, role, regional in DEMO_STAFF:
        user = demo_user(ctx, username, display)
        if role == Role.ADMIN and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
            user.refresh_from_db()
        scope_unit = ctx.region if regional else None
        if not user.groups.filter(name=role).exists() or (
            scope_unit and not user.role_assignments.filter(role=role, unit=scope_unit).exists()
        ):
            actions.grant_role(user, role, scope_unit)
        ctx.users[username] = user


def load_demo(ctx) -> None:
    for username, display, choices in DEMO_CITIZENS:
        citizen = demo_user(ctx, username, display)
        if not citizen.groups.filter(name=Role.CITIZEN).exists():
            actions.grant_role(citizen, Role.CITIZEN)
        for unit_name, when in choices:
            at = datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
            if not GroupChoice.objects.filter(person=citizen, chosen_at=at).exists():
                actions.choose_group(citizen, units().get(name=unit_name, parent=ctx.region), at=at)
        ctx.users[username] = citizen
