"""Nominations through the levels: submission, review, public notice, objections, background
checks and forwarding to the next level (or to candidacy at the top)."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.periods import local_date
from wenming.journal.actions import audit, record_event
from wenming.orgs.models import Unit
from wenming.people.permissions import can

from ..choices import LEVEL_VALUES, CheckResult, Decision, NominationStatus, ObjectionStatus
from ..models import BackgroundCheck, Campaign, Evidence, Nomination, Objection, PublicNotice, Review
from ..queries import reviewing_unit
from .base import _lock, _require, region_level

# --- nominations -----------------------------------------------------------------------------


@transaction.atomic
def submit_nomination(
    nominator,
    campaign: Campaign,
    *,
    category: str,
    nominee_name: str,
    story: str,
    region: Unit,
    nominee_unit: Unit | None = None,
    nominating_unit: Unit | None = None,
    files=(),
    at: datetime | None = None,
) -> Nomination:
    """A citizen or a unit puts a person forward. The lead starts at the campaign's lowest level,
    or at the level of the region it comes from when that is higher (a town's own lead skips the
    village step)."""
    at = at or timezone.now()
    if not nominator or not nominator.is_authenticated:
        raise PermissionDenied(_("请先登录。"))
    # Checked against the campaign's settings as they are now, held until this commits: staff may
    # be changing them in the console at the same moment (update_campaign locks the same row).
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if nominating_unit is not None and not can(nominator, "manage_unit", nominating_unit):
        raise PermissionDenied(_("只有本单位联络员可以以单位名义推荐。"))
    if campaign.nomination_opens and at < campaign.nomination_opens:
        raise ValidationError(_("推荐尚未开始。"))
    if campaign.nomination_closes and at >= campaign.nomination_closes:
        raise ValidationError(_("推荐已截止。"))
    if category not in campaign.categories:
        raise ValidationError(_("类别“%(c)s”不属于本次评选。") % {"c": category})
    if not region.is_within(campaign.region):
        raise ValidationError(_("推荐地区不在本次评选范围内。"))
    kind = region_level(region)
    if kind is None or LEVEL_VALUES.index(kind) > LEVEL_VALUES.index(campaign.top_level):
        raise ValidationError(_("请选择村（社区）、镇（街道）等所在地区。"))
    # A region below the campaign's first level (a village in a campaign starting at towns)
    # enters at the first level; a higher one is first reviewed at its own level.
    level = kind if kind in campaign.levels else campaign.levels[0]
    nomination = Nomination.objects.create(
        campaign=campaign,
        category=category,
        nominee_name=nominee_name.strip(),
        nominee_unit=nominee_unit,
        region=region,
        story=story.strip(),
        nominator=nominator,
        nominating_unit=nominating_unit,
        level=level,
        created_at=at,
    )
    for upload in files:
        # Stored under a random name (Evidence.file's upload_to); the name the person gave is shown.
        name = getattr(upload, "original_name", None) or upload.name
        Evidence.objects.create(nomination=nomination, file=upload, name=name[:200])
    audit(nominator, "honors.submit_nomination", nomination, data={"campaign": campaign.pk, "level": level})
    record_event(
        key=f"honors:nomination:{nomination.pk}",
        type="nomination_submitted",
        at=at,
        person=nominator,
        unit=nominating_unit,
        data={"nomination": nomination.pk, "region": region.pk},
    )
    return nomination


@transaction.atomic
def review_nomination(reviewer, nomination: Nomination, decision: str, *, reason: str = "") -> Review:
    """Accept, return or reject a pending lead at its current level (by a reviewer of that level's region)."""
    nomination = _lock(nomination)
    _require(reviewer, "review", reviewing_unit(nomination))
    if nomination.status != NominationStatus.PENDING:
        raise ValidationError(
            _("该线索当前状态为“%(s)s”，不能审核。") % {"s": nomination.get_status_display()}
        )
    if decision not in Decision.values:
        raise ValidationError(_("审核决定无效。"))
    reason = reason.strip()
    if decision != Decision.ACCEPT and not reason:
        raise ValidationError(_("退回或不通过时必须填写理由。"))
    review = Review.objects.create(
        nomination=nomination,
        level=nomination.level,
        decision=decision,
        reason=reason,
        reviewer=reviewer,
        at=timezone.now(),
    )
    nomination.status = {
        Decision.ACCEPT: NominationStatus.ACCEPTED,
        Decision.RETURN: NominationStatus.RETURNED,
        Decision.REJECT: NominationStatus.REJECTED,
    }[decision]
    Nomination.objects.filter(pk=nomination.pk).update(status=nomination.status)
    audit(reviewer, f"honors.review.{decision}", nomination, reason=reason, data={"level": nomination.level})
    return review


@transaction.atomic
def resubmit_nomination(nominator, nomination: Nomination, *, story: str) -> Nomination:
    """The nominator revises a returned lead; it goes back to the same level's reviewers."""
    nomination = _lock(nomination)
    if nomination.nominator_id != getattr(nominator, "pk", None):
        raise PermissionDenied(_("只有推荐人可以修改该线索。"))
    if nomination.status != NominationStatus.RETURNED:
        raise ValidationError(_("只有被退回的线索可以重新提交。"))
    if not story.strip():
        raise ValidationError(_("请填写事迹。"))
    Nomination.objects.filter(pk=nomination.pk).update(story=story.strip(), status=NominationStatus.PENDING)
    audit(nominator, "honors.resubmit_nomination", nomination)
    nomination.refresh_from_db()
    return nomination


# --- public notices and objections -------------------------------------------------------------


@transaction.atomic
def post_notice(
    actor,
    campaign: Campaign,
    region: Unit,
    nominations,
    *,
    starts_on: date,
    title: str = "",
    ends_on: date | None = None,
) -> PublicNotice:
    """Publish the leads ``region`` accepted at its level for the campaign's notice period."""
    level = region_level(region)
    if level not in campaign.levels:
        raise ValidationError(_("该地区不在本次评选的层级内。"))
    _require(actor, "review", region)
    nominations = list(Nomination.objects.select_for_update().filter(pk__in=[n.pk for n in nominations]))
    if not nominations:
        raise ValidationError(_("请至少选择一条已通过的线索。"))
    for nom in nominations:
        if nom.campaign_id != campaign.pk or nom.status != NominationStatus.ACCEPTED or nom.level != level:
            raise ValidationError(_("“%(n)s”不是本级已通过的线索。") % {"n": nom.nominee_name})
        if reviewing_unit(nom).pk != region.pk:
            raise ValidationError(_("“%(n)s”不属于%(r)s。") % {"n": nom.nominee_name, "r": region.name})
        if nom.notices.filter(level=level).exists():
            raise ValidationError(_("“%(n)s”已在本级公示。") % {"n": nom.nominee_name})
    ends_on = ends_on or starts_on + timedelta(days=campaign.notice_days - 1)
    if ends_on < starts_on:
        raise ValidationError(_("公示结束日期不能早于开始日期。"))
    notice = PublicNotice.objects.create(
        campaign=campaign,
        level=level,
        region=region,
        title=title or _("%(r)s%(c)s候选人公示") % {"r": region.name, "c": campaign.name},
        starts_on=starts_on,
        ends_on=ends_on,
        posted_by=actor,
        posted_at=timezone.now(),
    )
    notice.nominations.set(nominations)
    audit(actor, "honors.post_notice", notice, data={"nominations": [n.pk for n in nominations]})
    return notice


@transaction.atomic
def lodge_objection(
    notice: PublicNotice, nomination: Nomination, *, text: str, contact: str = "", by=None
) -> Objection:
    """Anyone may object to a nominee while the notice runs (dates are Shanghai days, inclusive)."""
    today = local_date(timezone.now())
    if not notice.starts_on <= today <= notice.ends_on:
        raise ValidationError(_("不在公示期内，不能提出异议。"))
    if not notice.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError(_("该人选不在此公示中。"))
    if not text.strip():
        raise ValidationError(_("请填写异议内容。"))
    objection = Objection.objects.create(
        notice=notice,
        nomination=nomination,
        text=text.strip(),
        contact=contact.strip(),
        lodged_by=by if getattr(by, "is_authenticated", False) else None,
        lodged_at=timezone.now(),
    )
    audit(by if getattr(by, "is_authenticated", False) else None, "honors.lodge_objection", objection)
    return objection


@transaction.atomic
def resolve_objection(actor, objection: Objection, *, upheld: bool, resolution: str) -> Objection:
    """A reviewer of the notice's region settles an objection; an upheld one rejects the lead."""
    objection = Objection.objects.select_for_update().select_related("notice__region").get(pk=objection.pk)
    _require(actor, "review", objection.notice.region)
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(_("该异议已处理。"))
    if not resolution.strip():
        raise ValidationError(_("请填写处理意见。"))
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.resolution = resolution.strip()
    objection.resolved_by = actor
    objection.resolved_at = timezone.now()
    objection.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    if upheld:
        Nomination.objects.filter(pk=objection.nomination_id).update(status=NominationStatus.REJECTED)
    audit(actor, "honors.resolve_objection", objection, reason=objection.resolution, data={"upheld": upheld})
    return objection


@transaction.atomic
def forward_nomination(actor, nomination: Nomination) -> Nomination:
    """Send an accepted lead up one level once its notice has ended with no open objection; from
    the campaign's top level it becomes a candidate, which needs every background check passed."""
    nomination = _lock(nomination)
    _require(actor, "review", reviewing_unit(nomination))
    if nomination.status != NominationStatus.ACCEPTED:
        raise ValidationError(_("只有本级审核通过的线索可以上报。"))
    notice = nomination.notices.filter(level=nomination.level).first()
    if notice is None:
        raise ValidationError(_("本级尚未公示，不能上报。"))
    if local_date(timezone.now()) <= notice.ends_on:
        raise ValidationError(_("公示期尚未结束（%(d)s 结束）。") % {"d": notice.ends_on.isoformat()})
    if nomination.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise ValidationError(_("有未处理的异议，处理后才能上报。"))
    levels = nomination.campaign.levels
    position = levels.index(nomination.level)
    if position + 1 < len(levels):
        nomination.level = levels[position + 1]
        nomination.status = NominationStatus.PENDING
    else:
        missing = missing_checks(nomination)
        if missing:
            raise ValidationError(_("背景审核未完成或未通过：%(d)s。") % {"d": "、".join(missing)})
        nomination.status = NominationStatus.CANDIDATE
    Nomination.objects.filter(pk=nomination.pk).update(level=nomination.level, status=nomination.status)
    audit(
        actor,
        "honors.forward_nomination",
        nomination,
        data={"level": nomination.level, "status": nomination.status},
    )
    return nomination


# --- background checks --------------------------------------------------------------------------


def missing_checks(nomination: Nomination) -> list[str]:
    """Departments of the campaign whose check is missing or failed for this nomination."""
    passed = set(nomination.checks.filter(result=CheckResult.PASSED).values_list("department", flat=True))
    return [dept for dept in nomination.campaign.check_departments if dept not in passed]


@transaction.atomic
def record_check(
    actor, nomination: Nomination, *, department: str, result: str, checked_on: date, note: str = ""
) -> BackgroundCheck:
    """Record one department's vetting result; a later record for the same department replaces it."""
    nomination = _lock(nomination)
    _require(actor, "review", reviewing_unit(nomination))
    if department not in nomination.campaign.check_departments:
        raise ValidationError(_("“%(d)s”不是本次评选的审核部门。") % {"d": department})
    if result not in CheckResult.values:
        raise ValidationError(_("审核结果无效。"))
    check, _created = BackgroundCheck.objects.update_or_create(
        nomination=nomination,
        department=department,
        defaults={"result": result, "checked_on": checked_on, "reviewer": actor, "note": note.strip()},
    )
    audit(actor, "honors.record_check", nomination, data={"department": department, "result": result})
    return check
