"""Bulk writers behind volunteering's import lines (checked beforehand by event_types.py).

An import is the operator's own act on the platform's data: these run inside the import's one
transaction, write set-wise, and leave the ledger to the single sync at the end of the import.
"""

from datetime import date, datetime

from django.utils import timezone

from wenming.core import crypto
from wenming.core.masking import mask_phone

from .. import hours as engine
from .. import idnumbers
from ..choices import IMPORT_TEAM, AttendanceSource, IdType, MembershipStatus, ProjectStatus, Source
from ..models import (
    Attendance,
    DayApproval,
    Membership,
    Organisation,
    Project,
    ServiceField,
    Session,
    Volunteer,
)
from .registration import id_hash


def _team(name: str | None, cache: dict) -> Organisation:
    name = (name or IMPORT_TEAM).strip()
    if name not in cache:
        cache[name] = (
            Organisation.objects.filter(name=name).order_by("parent_id", "id").first()
            or Organisation.objects.create(name=name)
        )
    return cache[name]


def apply_volunteers(events, ctx) -> None:
    teams = ctx.scratch.setdefault("volunteering_teams", {})
    have = set(Volunteer.objects.filter(user_id__in=[e.person_id for e in events]).values_list("user_id", flat=True))
    rows, joins = [], []
    for ev in events:
        d = ev.data
        if ev.person_id in have:
            continue  # known from an earlier file: the register keeps what it holds
        number = idnumbers.normalize(d.get("id_number") or "")
        phone = (d.get("phone") or "").strip()
        rows.append(Volunteer(
            user_id=ev.person_id, real_name=d["name"].strip(), id_type=IdType.RESIDENT,
            id_number_encrypted=crypto.encrypt(number), id_hash=id_hash(IdType.RESIDENT, number) if number else None,
            id_masked=idnumbers.mask_id(number) if number else "", phone_encrypted=crypto.encrypt(phone),
            phone_masked=mask_phone(phone) if phone else "", birth_date=idnumbers.birth_date(IdType.RESIDENT, number),
            source=Source.IMPORT,
        ))
        if d.get("team"):
            joins.append((ev.person_id, d["team"]))
    Volunteer.objects.bulk_create(rows, batch_size=2000)
    if joins:
        ids = dict(Volunteer.objects.filter(user_id__in=[u for u, _t in joins]).values_list("user_id", "pk"))
        Membership.objects.bulk_create(
            [Membership(volunteer_id=ids[u], organisation=_team(t, teams), status=MembershipStatus.ACTIVE)
             for u, t in joins],
            ignore_conflicts=True,
        )


def apply_sessions(events, ctx) -> None:
    teams = ctx.scratch.setdefault("volunteering_teams", {})
    projects: dict[tuple[int, str], Project] = {}
    fields = {}
    for f in ServiceField.objects.all():
        fields.setdefault(f.name, f)
    rows = []
    for ev in events:
        d = ev.data
        team = _team(d.get("team"), teams)
        key = (team.pk, d["project"].strip())
        if key not in projects:
            projects[key] = Project.objects.filter(team=team, title=key[1]).first() or Project.objects.create(
                team=team, title=key[1], place=(d.get("place") or "")[:200], field=fields.get(d.get("field")),
                status=ProjectStatus.CLOSED, needs_approval=False,
            )
        rows.append(Session(
            project=projects[key], external_id=str(d["session"]), start=datetime.fromisoformat(d["start"]),
            end=datetime.fromisoformat(d["end"]), place=(d.get("place") or "")[:200],
        ))
    Session.objects.bulk_create(rows, batch_size=2000)


def apply_attendance(events, ctx) -> None:
    sessions = {
        ext: (pk, start, end) for ext, pk, start, end in Session.objects.filter(
            external_id__in={str(e.data["session"]) for e in events}
        ).values_list("external_id", "pk", "start", "end")
    }
    volunteers = dict(Volunteer.objects.filter(user_id__in={e.person_id for e in events}).values_list("user_id", "pk"))
    rows = []
    for ev in events:
        d = ev.data
        session_id, start, end = sessions[str(d["session"])]
        check_in = datetime.fromisoformat(d["check_in"])
        check_out = datetime.fromisoformat(d["check_out"]) if d.get("check_out") else None
        minutes = engine.record_minutes(check_in, check_out, start, end)
        rows.append(Attendance(
            volunteer_id=volunteers[ev.person_id], session_id=session_id, check_in=check_in, check_out=check_out,
            source=AttendanceSource.IMPORT, day=engine.service_day(check_in, start), minutes=minutes,
            hours=engine.minutes_to_hours(minutes), synced=False,
        ))
    Attendance.objects.bulk_create(rows, batch_size=5000)


def apply_approvals(events, ctx) -> None:
    volunteers = dict(Volunteer.objects.filter(user_id__in={e.person_id for e in events}).values_list("user_id", "pk"))
    now = timezone.now()
    DayApproval.objects.bulk_create([
        DayApproval(volunteer_id=volunteers[ev.person_id], day=date.fromisoformat(ev.data["date"]), hours=None,
                    event_key=ev.key, at=now)
        for ev in events
    ])
