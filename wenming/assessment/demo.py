"""Demo rows: the Liyang 2017 scheme as the demo region, with a liaison and a leader for each of
its units; and the Luoyang 2014 scheme with two municipal organs, a few reports and scores.

Idempotent: the schemes load by slug, accounts by username; materials and republications carry
fixed event keys; scores replace themselves.
"""

from datetime import date, datetime

from wenming.core.periods import SHANGHAI
from wenming.orgs import actions as org_actions
from wenming.orgs.models import WorkGroup
from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.people.demo import demo_user

from . import actions
from .schemes import enroll_other_unit, load_scheme

# Example "其他单位" (row 28): units outside the table, judged by the formula target.
DEMO_OTHER_UNITS = [("溧阳市图书馆", 60), ("溧阳市文化馆", 120)]
WORK_GROUP_JOINED = date(2017, 3, 20)

DEMO_UNITS = ["洛阳市教育局", "洛阳市文广新局"]


def load_demo_region(ctx) -> None:
    """The Liyang 2017 scheme: the unit tree, the targets and the work group every app builds on."""
    scheme = load_scheme("liyang-2017")
    for name, headcount in DEMO_OTHER_UNITS:
        enroll_other_unit(scheme, name, headcount=headcount)
    ctx.scheme, ctx.region = scheme, scheme.region


def load_demo_staff(ctx) -> None:
    """A liaison and a leader for each enrolled unit, appointed; the liaisons join the work group."""
    scheme = ctx.scheme
    group = WorkGroup.objects.get(name=scheme.params["work_group"])
    enrollments = scheme.enrollments.select_related("unit").order_by("sort_order", "id")
    for index, enrollment in enumerate(enrollments, 1):
        unit = enrollment.unit
        liaison = demo_user(ctx, f"liaison{index:02d}", f"{unit.name}联络员")
        leader = demo_user(ctx, f"leader{index:02d}", f"{unit.name}分管领导")
        for person, role in ((liaison, Role.LIAISON), (leader, Role.LEADER)):
            if not person.groups.filter(name=role).exists():
                people_actions.grant_role(person, role)
        org_actions.appoint(unit, liaison=liaison, leader=leader)
        # The example other units' liaisons have not joined the work group: the bulletin shows the gap.
        if not enrollment.is_other:
            org_actions.join_work_group(group, liaison, WORK_GROUP_JOINED)
        ctx.users[liaison.username] = liaison


def load_demo(ctx) -> None:
    scheme = load_scheme("luoyang-2014")
    first = None
    for name in DEMO_UNITS:
        unit, _created = org_actions.ensure_unit(name, "department", scheme.region)
        actions.enroll(scheme, unit)
        first = first or unit
    for index, (item, when) in enumerate([(4, "2014-02-10"), (4, "2014-04-01"), (7, "2014-05-06"), (11, "2014-08-20")]):
        at = datetime.fromisoformat(f"{when}T09:00").replace(tzinfo=SHANGHAI)
        actions.report_material(
            scheme, first, item, title=f"演示材料{index + 1}", reported_at=at, event_key=f"demo:report:{index}",
            author="演示作者", checked_by="演示审核人", contact="0379-00000000", source="import",
        )
    actions.record_quality_score(scheme, first, 11, 2014, "1.5")
    for n in range(4):
        at = datetime(2014, 6, n + 1, 10, tzinfo=SHANGHAI)
        actions.record_republication(first, at, event_key=f"demo:republished:{n}", title=f"演示转载{n + 1}")
