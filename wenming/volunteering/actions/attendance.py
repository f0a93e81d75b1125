"""Check-in and check-out, the organiser's confirmations, back-fills, approvals, corrections, disputes.

Every write here ends by syncing the ledger of the days it touched (``ledger.sync_days``), in the
same transaction: the hours a volunteer sees are always those of the records as they stand.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit

from .. import checkin, ledger, queries
from .. import hours as engine
from .. import rules as rules_mod
from ..choices import AttendanceSource, DisputeStatus, SignupStatus
from ..errors import VolunteeringError
from ..models import Attendance, DayApproval, Dispute, Session, Signup

CHECKED_IN, CHECKED_OUT, DUPLICATE = "checked_in", "checked_out", "duplicate"


def _need_manage(actor, session: Session):
    if not queries.can_manage(actor, session.project.team):
        raise VolunteeringError(_("您没有管理该活动的权限"))


def _credential_error(result: str) -> str:
    return _("签到码已过期，请扫描组织者手机上的最新二维码") if result == checkin.EXPIRED else _("签到码无效")


def check_in_by_token(volunteer, session: Session, token: str, **kw):
    result = checkin.check_token(session, token, kw.get("at"))
    if result != checkin.OK:
        raise VolunteeringError(_credential_error(result))
    return _scan(volunteer, session, AttendanceSource.QR, **kw)


def check_in_by_code(volunteer, session: Session, code: str, **kw):
    result = checkin.check_code(session, code, kw.get("at"))
    if result != checkin.OK:
        raise VolunteeringError(_("签到码不正确或已过期") if result == checkin.EXPIRED else _("请输入 6 位数字签到码"))
    return _scan(volunteer, session, AttendanceSource.CODE, **kw)


def _outside(session: Session, latitude, longitude) -> bool:
    if latitude is None or longitude is None or session.latitude is None or not session.radius_m:
        return False
    return checkin.distance_m(session.latitude, session.longitude, Decimal(str(latitude)),
                              Decimal(str(longitude))) > session.radius_m


@transaction.atomic
def _scan(volunteer, session: Session, source: str, *, at=None, latitude=None, longitude=None):
    """First scan checks in, a later one checks out; a repeat within the double-scan window is ignored."""
    rules = rules_mod.current()
    at = at or timezone.now()
    session = Session.objects.select_related("project", "project__team").get(pk=session.pk)
    if at < session.start - timedelta(minutes=rules.checkin_open_minutes):
        raise VolunteeringError(_("活动尚未开始签到"))
    approved = Signup.objects.filter(volunteer=volunteer, session=session, status=SignupStatus.APPROVED).exists()
    if not approved and not session.project.allow_walk_in:
        raise VolunteeringError(_("您未报名此场次或报名尚未通过"))
    record = Attendance.objects.select_for_update().filter(volunteer=volunteer, session=session).first()
    if record is None:
        if at > session.end:
            raise VolunteeringError(_("活动已结束，不能签到"))
        try:
            with transaction.atomic():
                record = Attendance.objects.create(
                    volunteer=volunteer, session=session, check_in=at, source=source,
                    day=engine.service_day(at, session.start), latitude=latitude, longitude=longitude,
                    outside_radius=_outside(session, latitude, longitude), created_by=volunteer.user,
                )
        except IntegrityError:
            # The same volunteer's second scan arrived at the same moment: one record, already written.
            return Attendance.objects.get(volunteer=volunteer, session=session), DUPLICATE
        ledger.sync_records([record], actor=volunteer.user)
        record.refresh_from_db()
        audit(volunteer.user, "volunteering.check_in", record, data={"outside": record.outside_radius})
        return record, CHECKED_IN
    if record.check_out is not None or at - record.check_in < timedelta(seconds=rules.double_scan_seconds):
        return record, DUPLICATE
    record.check_out = at
    if _outside(session, latitude, longitude):
        record.outside_radius = True
    record.save(update_fields=["check_out", "outside_radius"])
    ledger.sync_records([record], actor=volunteer.user)
    record.refresh_from_db()
    audit(volunteer.user, "volunteering.check_out", record)
    return record, CHECKED_OUT


@transaction.atomic
def confirm_attendance(records, *, actor, end=None) -> int:
    """Confirm records in bulk; a record without a check-out gets ``end`` (default: the session's end)."""
    records = list(Attendance.objects.select_for_update().filter(pk__in=[r.pk for r in records])
                   .select_related("session", "session__project__team"))
    now = timezone.now()
    for record in records:
        _need_manage(actor, record.session)
        if record.check_out is None:
            finish = end or record.session.end
            if finish < record.check_in:
                raise VolunteeringError(_("签退时间不能早于签到时间"))
            record.check_out = finish
        record.confirmed_at, record.confirmed_by = now, actor
    Attendance.objects.bulk_update(records, ["check_out", "confirmed_at", "confirmed_by"])
    ledger.sync_records(records, actor=actor, reason=_("组织者确认考勤"))
    for record in records:
        audit(actor, "volunteering.confirm", record, data={"check_out": record.check_out.isoformat()})
    return len(records)


@transaction.atomic
def backfill(volunteer, session: Session, *, actor, check_in, check_out, reason: str, now=None) -> Attendance:
    """An organiser records a missed attendance, with a reason; it counts once the parent approves it."""
    rules = rules_mod.current()
    session = Session.objects.select_related("project__team").get(pk=session.pk)
    _need_manage(actor, session)
    reason = (reason or "").strip()
    if not reason:
        raise VolunteeringError(_("补录须填写原因"))
    if check_in is None or check_out is None or check_out < check_in:
        raise VolunteeringError(_("签退时间不能早于签到时间"))
    problems = engine.backfill_problems(check_in, check_out, session.start, session.end, now or timezone.now(), rules)
    if "too_late" in problems:
        raise VolunteeringError(_("补录须在活动结束后 %(days)d 天内") % {"days": rules.backfill_days})
    if "too_long" in problems:
        raise VolunteeringError(_("补录时长不能超过活动时长"))
    if Attendance.objects.filter(volunteer=volunteer, session=session).exists():
        raise VolunteeringError(_("该志愿者在此场次已有考勤记录，请使用更正"))
    record = Attendance.objects.create(
        volunteer=volunteer, session=session, check_in=check_in, check_out=check_out,
        source=AttendanceSource.BACKFILL, day=engine.service_day(check_in, session.start), backfill_reason=reason,
        created_by=actor,
    )
    ledger.sync_records([record], actor=actor, reason=reason)
    audit(actor, "volunteering.backfill", record, reason=reason)
    return record


def _need_approve(actor, session: Session):
    if not queries.can_approve_for(actor, session.project.team):
        raise VolunteeringError(_("只有上级组织可以审核"))


@transaction.atomic
def approve_backfill(record: Attendance, *, actor) -> Attendance:
    record = Attendance.objects.select_for_update().select_related("session__project__team").get(pk=record.pk)
    if not record.is_backfill or record.backfill_approved_at is not None:
        raise VolunteeringError(_("没有待审核的补录"))
    _need_approve(actor, record.session)
    record.backfill_approved_at, record.backfill_approved_by = timezone.now(), actor
    record.save(update_fields=["backfill_approved_at", "backfill_approved_by"])
    ledger.sync_records([record], actor=actor, reason=_("上级组织审核通过补录"))
    audit(actor, "volunteering.approve_backfill", record)
    return record


@transaction.atomic
def approve_day(volunteer, day: date, *, actor) -> DayApproval:
    """The parent organisation approves the hours of ``day`` waiting past the counted cap."""
    records = list(Attendance.objects.filter(volunteer=volunteer, day=day).select_related("session__project__team"))
    splits = ledger.explain(volunteer, records)
    waiting = [r for r in records if splits[r.pk].cap_pending]
    if not waiting:
        raise VolunteeringError(_("该日没有待审核的超时时长"))
    for record in waiting:
        _need_approve(actor, record.session)
    amount = sum((splits[r.pk].cap_pending for r in waiting), engine.ZERO)
    approval = DayApproval.objects.create(volunteer=volunteer, day=day, hours=amount, actor=actor,
                                          organisation=waiting[0].session.project.team.parent)
    ledger.sync_days([(volunteer.pk, day)], actor=actor, reason=_("上级组织审核通过超时时长"))
    audit(actor, "volunteering.approve_day", volunteer, data={"day": day.isoformat(), "hours": str(amount)})
    return approval


@transaction.atomic
def correct_attendance(record: Attendance, *, actor, reason: str, check_in, check_out) -> Attendance:
    """Change a record's times: the ledger posts a reversing entry and a new one, with who and why."""
    record = Attendance.objects.select_for_update().select_related("session__project__team").get(pk=record.pk)
    _need_manage(actor, record.session)
    reason = (reason or "").strip()
    if not reason:
        raise VolunteeringError(_("更正须填写原因"))
    if check_in is None or (check_out is not None and check_out < check_in):
        raise VolunteeringError(_("签退时间不能早于签到时间"))
    before = {"check_in": record.check_in.isoformat(), "check_out": record.check_out and record.check_out.isoformat()}
    old_day = record.day
    record.check_in, record.check_out = check_in, check_out
    record.day = engine.service_day(check_in, record.session.start)
    record.save(update_fields=["check_in", "check_out", "day"])
    ledger.sync_records([record], actor=actor, reason=reason, extra_pairs=[(record.volunteer_id, old_day)])
    audit(actor, "volunteering.correct", record, reason=reason, data={"before": before})
    return record


@transaction.atomic
def open_dispute(record: Attendance, *, user, text: str) -> Dispute:
    if record.volunteer.user_id != getattr(user, "pk", None):
        raise VolunteeringError(_("只能对自己的记录提出异议"))
    text = (text or "").strip()
    if not text:
        raise VolunteeringError(_("请填写异议内容"))
    if Dispute.objects.filter(attendance=record, status=DisputeStatus.OPEN).exists():
        raise VolunteeringError(_("该记录已有待答复的异议"))
    dispute = Dispute.objects.create(attendance=record, text=text[:2000])
    audit(user, "volunteering.open_dispute", dispute)
    return dispute


@transaction.atomic
def answer_dispute(dispute: Dispute, *, actor, answer: str, upheld: bool, check_in=None, check_out=None) -> Dispute:
    """The organiser answers; when upheld with new times the record is corrected through the ledger."""
    dispute = Dispute.objects.select_for_update().select_related("attendance__session__project__team").get(pk=dispute.pk)
    _need_manage(actor, dispute.attendance.session)
    answer = (answer or "").strip()
    if not answer:
        raise VolunteeringError(_("请填写答复"))
    if dispute.status != DisputeStatus.OPEN:
        raise VolunteeringError(_("该异议已答复"))
    if upheld and check_in is not None:
        correct_attendance(dispute.attendance, actor=actor, reason=answer, check_in=check_in, check_out=check_out)
    dispute.status = DisputeStatus.UPHELD if upheld else DisputeStatus.REJECTED
    dispute.answer, dispute.answered_by, dispute.answered_at = answer[:2000], actor, timezone.now()
    dispute.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit(actor, "volunteering.answer_dispute", dispute, data={"upheld": upheld})
    return dispute
