"""Write paths for the unit tree, targets, appointments and the work group."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from wenming.journal.actions import audit

from .choices import Combinator, TargetKind
from .models import FollowerTarget, Unit, WorkGroup, WorkGroupMembership

# People hands the roster import its accounts through here (people reaches orgs only by its actions
# and queries).
from .roster import register_account_resolver  # noqa: F401  (re-exported)


def ensure_unit(name: str, kind: str, parent: Unit | None = None, *, headcount=None, sort_order=0, actor=None):
    """Find the unit by (parent, name) or create it. Returns (unit, created); never changes an existing unit's kind."""
    unit = Unit.objects.filter(parent=parent, name=name).first()
    if unit is not None:
        changed = False
        if headcount is not None and unit.headcount != headcount:
            unit.headcount = headcount
            changed = True
        if changed:
            unit.save(update_fields=["headcount"])
        return unit, False
    with transaction.atomic():
        unit = Unit(name=name, kind=kind, parent=parent, headcount=headcount, sort_order=sort_order)
        unit.save()
        audit(actor, "orgs.create_unit", unit, data={"kind": kind, "parent": getattr(parent, "pk", None)})
    return unit, True


@transaction.atomic
def set_number_target(unit: Unit, year: int, number: int, *, actor=None) -> FollowerTarget:
    target, created = FollowerTarget.objects.update_or_create(
        unit=unit,
        year=year,
        defaults={"kind": TargetKind.NUMBER, "number": number, "min_people": None, "share": None},
    )
    if created:
        audit(actor, "orgs.set_target", unit, data={"year": year, "number": number})
    return target


@transaction.atomic
def set_formula_target(
    unit: Unit, year: int, *, min_people: int, share: Decimal, combinator: str = Combinator.OR, actor=None
) -> FollowerTarget:
    target, created = FollowerTarget.objects.update_or_create(
        unit=unit,
        year=year,
        defaults={
            "kind": TargetKind.FORMULA,
            "number": None,
            "min_people": min_people,
            "share": Decimal(share),
            "combinator": combinator,
        },
    )
    if created:
        audit(actor, "orgs.set_target", unit, data={"year": year, "min_people": min_people, "share": str(share)})
    return target


@transaction.atomic
def appoint(unit: Unit, *, liaison=None, leader=None, actor=None) -> Unit:
    """Name the unit's liaison and/or leader in charge (each unit has one of each)."""
    fields = []
    if liaison is not None and unit.liaison_id != liaison.pk:
        unit.liaison = liaison
        fields.append("liaison")
    if leader is not None and unit.leader_id != leader.pk:
        unit.leader = leader
        fields.append("leader")
    if fields:
        unit.save(update_fields=fields)
        audit(actor, "orgs.appoint", unit, data={f: getattr(unit, f"{f}_id") for f in fields})
    return unit


@transaction.atomic
def join_work_group(group: WorkGroup, person, joined_on: date, *, actor=None) -> WorkGroupMembership:
    membership, created = WorkGroupMembership.objects.get_or_create(group=group, person=person, joined_on=joined_on)
    if created:
        audit(actor, "orgs.join_work_group", membership, data={"group": group.pk, "on": joined_on.isoformat()})
    return membership



@transaction.atomic
def set_work_group_joined(group: WorkGroup, person, joined_on: date, *, actor=None) -> WorkGroupMembership:
    """The person's open membership in ``group`` dated ``joined_on``: corrected in place when it
    exists (a re-imported roster), made when it does not."""
    current = WorkGroupMembership.objects.filter(group=group, person=person, left_on__isnull=True).first()
    if current is None:
        return join_work_group(group, person, joined_on, actor=actor)
    if current.joined_on != joined_on:
        old = current.joined_on
        current.joined_on = joined_on
        current.save(update_fields=["joined_on"])
        audit(actor, "orgs.correct_work_group_joined", current, data={"from": old.isoformat(), "to": joined_on.isoformat()})
    return current


def import_roster(region: Unit, content: bytes, *, group: WorkGroup | None = None, actor=None) -> int:
    """The unit roster from Excel: headcounts, leaders, liaisons and their membership dates.

    The whole file is checked first (``roster.read`` raises ``RosterError`` with every bad row and
    nothing is written); then every row is applied in one transaction. Returns the rows applied.
    """
    from . import roster

    rows = roster.read(content, region)
    with transaction.atomic():
        for row in rows:
            unit = row.unit
            if row.headcount is not None and unit.headcount != row.headcount:
                unit.headcount = row.headcount
                unit.save(update_fields=["headcount"])
            leader = roster.account_for(row.leader, "", "leader") if row.leader else None
            liaison = roster.account_for(row.liaison, row.mobile, "liaison") if row.liaison else None
            appoint(unit, liaison=liaison, leader=leader, actor=actor)
            if liaison is not None and row.joined_on and group is not None:
                set_work_group_joined(group, liaison, row.joined_on, actor=actor)
        audit(actor, "orgs.import_roster", region, data={"rows": len(rows)})
    return len(rows)
