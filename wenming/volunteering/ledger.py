"""Bringing the append-only hours ledger in line with the attendance records, day by day.

For each (volunteer, Shanghai day) the hours engine says what every record should hold in each
status; the live entries (neither a reversal nor reversed) are compared with that, and each
difference becomes a reversing entry for the old line plus a new line. Nothing is ever updated or
deleted, so the ledger's history shows every change with who and why.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from . import hours as engine
from . import rules as rules_mod
from .choices import EntryStatus
from .models import Attendance, DayApproval, HoursEntry, StarAward, Volunteer

CHUNK = 500
AUTO_REASON = "按签到签退记录计算"


def record_hours(record: Attendance) -> tuple[int, Decimal]:
    session = record.session
    minutes = engine.record_minutes(record.check_in, record.check_out, session.start, session.end)
    return minutes, engine.minutes_to_hours(minutes)


def day_records(records) -> list[engine.DayRecord]:
    return [
        engine.DayRecord(
            key=r.pk,
            start=max(r.check_in, r.session.start),
            hours=r.hours,
            has_end=r.check_out is not None,
            backfill_pending=r.is_backfill and r.backfill_approved_at is None,
        )
        for r in records
    ]


def splits_for(records, approvals, rules) -> list[engine.Split]:
    """The engine's split of one day; approvals without an amount take what is pending then."""
    known = sum((a.hours for a in approvals if a.hours is not None), engine.ZERO)
    splits = engine.split_day(day_records(records), known, rules)
    open_ = [a for a in approvals if a.hours is None]
    if open_:
        pending = sum((s.cap_pending for s in splits), engine.ZERO)
        for i, approval in enumerate(open_):
            approval.hours = pending if i == 0 else engine.ZERO
        DayApproval.objects.bulk_update(open_, ["hours"])
        splits = engine.split_day(day_records(records), known + pending, rules)
    return splits


def sync_days(pairs, *, actor=None, reason: str = "") -> set[int]:
    """Post the ledger changes of each (volunteer id, day). Returns the volunteers touched."""
    rules = rules_mod.current()
    pairs = sorted(set(pairs))
    touched: set[int] = set()
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start : start + CHUNK]
        wanted = set(chunk)
        vids = {v for v, _d in chunk}
        days = {d for _v, d in chunk}
        records = defaultdict(list)
        qs = Attendance.objects.filter(volunteer_id__in=vids, day__in=days).select_related("session")
        changed, unsynced = [], []
        for r in qs:
            if (r.volunteer_id, r.day) not in wanted:
                continue
            minutes, hrs = record_hours(r)
            if (minutes, hrs) != (r.minutes, r.hours):
                r.minutes, r.hours, r.synced = minutes, hrs, True
                changed.append(r)
            elif not r.synced:
                unsynced.append(r.pk)
            records[(r.volunteer_id, r.day)].append(r)
        # Imported rows arrive with their hours computed: only the flag changes, in one statement.
        if unsynced:
            Attendance.objects.filter(pk__in=unsynced).update(synced=True)
        if changed:
            Attendance.objects.bulk_update(changed, ["minutes", "hours", "synced"])
        approvals = defaultdict(list)
        for a in DayApproval.objects.filter(volunteer_id__in=vids, day__in=days).order_by("id"):
            approvals[(a.volunteer_id, a.day)].append(a)
        live = defaultdict(list)
        for e in HoursEntry.objects.filter(
            volunteer_id__in=vids, day__in=days, reverses__isnull=True, reversed_by__isnull=True
        ):
            live[(e.volunteer_id, e.day)].append(e)
        new: list[HoursEntry] = []
        for vid, day in chunk:
            splits = splits_for(records[(vid, day)], approvals[(vid, day)], rules)
            desired = {}
            for s in splits:
                for status, amount in (
                    (EntryStatus.COUNTED, s.counted),
                    (EntryStatus.PENDING, s.pending),
                    (EntryStatus.NOT_COUNTED, s.not_counted),
                ):
                    if amount:
                        desired[(s.key, status)] = amount
            for entry in live[(vid, day)]:
                if desired.get((entry.attendance_id, entry.status)) == entry.hours:
                    desired.pop((entry.attendance_id, entry.status))
                    continue
                new.append(_entry(entry.volunteer_id, entry.attendance_id, day, entry.status, -entry.hours,
                                  rules, actor, reason or AUTO_REASON, reverses=entry))
                touched.add(vid)
            for (att_id, status), amount in desired.items():
                new.append(_entry(vid, att_id, day, status, amount, rules, actor, reason or AUTO_REASON))
                touched.add(vid)
        HoursEntry.objects.bulk_create(new, batch_size=2000)
    award_stars(touched)
    return touched


def _entry(vid, att_id, day: date, status, amount, rules, actor, reason, reverses=None) -> HoursEntry:
    return HoursEntry(
        volunteer_id=vid, attendance_id=att_id, day=day, status=status, hours=amount, reverses=reverses,
        actor=actor if getattr(actor, "pk", None) else None, reason=reason[:300], rule_version=rules.version,
    )


def sync_records(records, *, actor=None, reason: str = "", extra_pairs=()) -> set[int]:
    return sync_days({(r.volunteer_id, r.day) for r in records} | set(extra_pairs), actor=actor, reason=reason)


def sync_unsynced() -> set[int]:
    """The days of records written in bulk (an import) and of approvals still without an amount."""
    pairs = set(Attendance.objects.filter(synced=False).values_list("volunteer_id", "day"))
    pairs |= set(DayApproval.objects.filter(hours__isnull=True).values_list("volunteer_id", "day"))
    return sync_days(pairs) if pairs else set()


def award_stars(volunteer_ids) -> None:
    """Record each star level the first time a volunteer's counted hours reach it."""
    if not volunteer_ids:
        return
    rules = rules_mod.current()
    ids = list(volunteer_ids)
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        totals = dict(
            HoursEntry.objects.filter(volunteer_id__in=part, status=EntryStatus.COUNTED)
            .values("volunteer_id").annotate(s=Sum("hours")).values_list("volunteer_id", "s")
        )
        have = set(StarAward.objects.filter(volunteer_id__in=part).values_list("volunteer_id", "level"))
        rows = [
            StarAward(volunteer_id=vid, level=level, hours=total)
            for vid, total in totals.items()
            for level in range(1, engine.star_level(total or engine.ZERO, rules) + 1)
            if (vid, level) not in have
        ]
        StarAward.objects.bulk_create(rows, ignore_conflicts=True)


def explain(volunteer: Volunteer, records) -> dict[int, engine.Split]:
    """The engine's split of each record with its reasons, for the volunteer's 'my hours' page."""
    rules = rules_mod.current()
    by_day = defaultdict(list)
    for r in records:
        by_day[r.day].append(r)
    approvals = defaultdict(list)
    for a in DayApproval.objects.filter(volunteer=volunteer, day__in=list(by_day)):
        approvals[a.day].append(a)
    out = {}
    for day, recs in by_day.items():
        known = sum((a.hours for a in approvals[day] if a.hours is not None), engine.ZERO)
        for s in engine.split_day(day_records(recs), known, rules):
            out[s.key] = s
    return out
