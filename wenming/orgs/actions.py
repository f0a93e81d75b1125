"""Write paths for the unit tree, targets, appointments and the work group."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from wenming.journal.actions import audit

from .choices import Combinator, TargetKind
from .models import FollowerTarget, Unit, WorkGroup, WorkGroupMembership


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

