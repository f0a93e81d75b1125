"""The only write paths of the good-person selection.

Every staff act checks permission with ``people.permissions.can`` against the unit it concerns and
leaves an audit entry. Refusals raise ``ValidationError`` (a clear Chinese message) or
``PermissionDenied`` and change nothing.
"""

import hashlib
import hmac
import secrets
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core import sms_codes
from wenming.core.db import hot_cursor
from wenming.core.periods import local_date
from wenming.journal.actions import audit, record_event
from wenming.orgs.models import Unit
from wenming.people import actions as people_actions
from wenming.people.permissions import can

from .choices import (
    CAMPAIGN_FIELDS,
    CATEGORY_MAX_LENGTH,
    DEPARTMENT_MAX_LENGTH,
    FROZEN_AFTER,
    LEVEL_VALUES,
    CampaignMilestone,
    CheckResult,
    Decision,
    NominationStatus,
    ObjectionStatus,
    VotePeriod,
)
from .draw import canonical_pool, draw_panel
from .models import (
    BackgroundCheck,
    Campaign,
    Evidence,
    Expert,
    Nomination,
    Objection,
    PanelRound,
    PanelSeat,
    PhoneConfirmation,
    PublicNotice,
    ResultEntry,
    ResultList,
    Review,
    Score,
    Vote,
)
from .queries import compute_results, reviewing_unit, round_complete


class RateLimited(Exception):
    """Too many votes from one person or one address in the current minute."""


def _require(actor, action: str, obj) -> None:
    if not can(actor, action, obj):
        raise PermissionDenied(_("您没有权限执行此操作。"))


def _lock(nomination: Nomination) -> Nomination:
    # State changes read-then-write the status: lock the row so two reviewers cannot both act.
    return Nomination.objects.select_for_update().select_related("campaign", "region").get(pk=nomination.pk)


def region_level(unit: Unit) -> str | None:
    return unit.kind if unit.kind in LEVEL_VALUES else None


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
        Evidence.objects.create(nomination=nomination, file=upload, name=upload.name[:200])
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


# --- expert panels ---------------------------------------------------------------------------------


@transaction.atomic
def draw_round(
    actor, campaign: Campaign, *, panel_size: int, deadline: datetime, seed: str | None = None
) -> PanelRound:
    """Draw a panel at random from the active pool, leaving out experts from any candidate's unit.

    The seed, the canonical pool and the candidates are stored with the draw so anyone can re-run it.
    """
    _require(actor, "review", campaign.region)
    candidates = list(
        campaign.nominations.filter(status=NominationStatus.CANDIDATE)
        .order_by("pk")
        .values_list("pk", "nominee_unit_id")
    )
    if not candidates:
        raise ValidationError(_("还没有候选人，不能抽取评委。"))
    conflict_units = {unit_id for _pk, unit_id in candidates if unit_id}
    experts = list(Expert.objects.filter(active=True).values_list("pk", "unit_id"))
    excluded = sorted(pk for pk, unit_id in experts if unit_id in conflict_units)
    pool = canonical_pool((pk, unit_id) for pk, unit_id in experts if unit_id not in conflict_units)
    if panel_size < 1 or panel_size > len(pool):
        raise ValidationError(
            _("可抽取的专家只有 %(n)d 人，不足 %(k)d 人。") % {"n": len(pool), "k": panel_size}
        )
    seed = seed or secrets.token_hex(16)
    drawn = draw_panel(seed, pool, panel_size)
    number = (campaign.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    panel_round = PanelRound.objects.create(
        campaign=campaign,
        number=number,
        panel_size=panel_size,
        seed=seed,
        pool_snapshot=pool,
        excluded=excluded,
        candidates=[[pk, unit_id] for pk, unit_id in candidates],
        drawn=drawn,
        drawn_by=actor,
        drawn_at=timezone.now(),
        deadline=deadline,
    )
    PanelSeat.objects.bulk_create([PanelSeat(round=panel_round, expert_id=pk) for pk in drawn])
    audit(actor, "honors.draw_round", panel_round, data={"seed": seed, "drawn": drawn, "excluded": excluded})
    return panel_round


@transaction.atomic
def submit_score(user, panel_round: PanelRound, nomination: Nomination, score) -> Score:
    """A drawn expert scores one candidate (0–100); the round closes itself when the panel is done."""
    panel_round = PanelRound.objects.select_for_update().get(pk=panel_round.pk)
    expert = (
        Expert.objects.filter(user=user, seats__round=panel_round).first() if user.is_authenticated else None
    )
    if expert is None:
        raise PermissionDenied(_("您不是本轮评委。"))
    if panel_round.closed_at or timezone.now() >= panel_round.deadline:
        raise ValidationError(_("本轮评审已结束。"))
    if nomination.pk not in {pk for pk, _unit in panel_round.candidates}:
        raise ValidationError(_("该人选不是本轮候选人。"))
    if score is None or not 0 <= score <= 100:
        raise ValidationError(_("评分应在 0 到 100 之间。"))
    row, _created = Score.objects.update_or_create(
        round=panel_round,
        expert=expert,
        nomination=nomination,
        defaults={"score": score, "scored_at": timezone.now()},
    )
    audit(user, "honors.submit_score", row, data={"score": str(score)})
    if round_complete(panel_round):
        PanelRound.objects.filter(pk=panel_round.pk).update(closed_at=timezone.now())
        audit(None, "honors.close_round", panel_round, data={"why": "all scored"})
    return row


@transaction.atomic
def close_round(actor, panel_round: PanelRound) -> PanelRound:
    """Close a round at its deadline (or once every seat has scored every candidate)."""
    panel_round = (
        PanelRound.objects.select_for_update().select_related("campaign__region").get(pk=panel_round.pk)
    )
    _require(actor, "review", panel_round.campaign.region)
    if panel_round.closed_at:
        raise ValidationError(_("本轮评审已结束。"))
    if timezone.now() < panel_round.deadline and not round_complete(panel_round):
        raise ValidationError(_("评分截止前且仍有评委未评完，不能结束本轮。"))
    panel_round.closed_at = timezone.now()
    panel_round.save(update_fields=["closed_at"])
    audit(actor, "honors.close_round", panel_round)
    return panel_round


# --- voting ----------------------------------------------------------------------------------------


RATE_WINDOW = 60  # seconds


# INCR each key and give it the window's lifetime if it has none (EXPIRE NX): one command for all
# keys, where a pipeline of INCR + EXPIRE per key cost the client four commands to pack and parse.
_RATE_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  redis.call('EXPIRE', key, ARGV[1], 'NX')
end
return counts
"""
_RATE_SCRIPTS: dict = {}  # per Redis client (one per pool): the registered script


def _rate_counts(keys: list[str]) -> list[int]:
    """Count one more request in each key's current window and return the counts.

    The counts live in the shared cache (Redis in production) so every app server sees the same
    numbers. On Redis all keys are counted by one script in one round trip; Django's generic
    add()/incr() would take three round trips per key on the hottest path we have.
    """
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    real = caches["default"]
    if isinstance(real, RedisCache):
        client = real._cache.get_client(write=True)
        script = _RATE_SCRIPTS.get(id(client))
        if script is None or script.registered_client is not client:
            script = _RATE_SCRIPTS[id(client)] = client.register_script(_RATE_SCRIPT)
        return script(keys=[real.make_and_validate_key(k) for k in keys], args=[RATE_WINDOW + 30])
    counts = []
    for key in keys:
        if cache.add(key, 1, timeout=RATE_WINDOW + 30):
            counts.append(1)
            continue
        try:
            counts.append(cache.incr(key))
        except ValueError:  # expired between add and incr: this request opens a new window
            cache.add(key, 1, timeout=RATE_WINDOW + 30)
            counts.append(1)
    return counts


def _check_rate(voter_id: int, ip: str | None, now: datetime) -> None:
    window = int(now.timestamp()) // RATE_WINDOW
    limits = settings.WENMING
    keys = [f"honors:rate:user:{voter_id}:{window}"]
    caps = [limits["VOTE_RATE_PER_PERSON"]]
    if ip:
        keys.append(f"honors:rate:ip:{ip}:{window}")
        caps.append(limits["VOTE_RATE_PER_IP"])
    if any(count > cap for count, cap in zip(_rate_counts(keys), caps, strict=True)):
        raise RateLimited(_("投票过于频繁，请稍后再试。"))


# The vote itself, with the candidate and window checks folded into the same statement: a row is
# inserted only when the nomination is a candidate and its campaign's voting window is open, and
# the unique constraint refuses a second vote in the slot. Plain SQL that PostgreSQL and SQLite
# (3.35+ for RETURNING) both accept; the WHERE also settles SQLite's INSERT ... SELECT ... ON
# CONFLICT parsing ambiguity.
_CANDIDATE_FROM = (
    "FROM honors_nomination n INNER JOIN honors_campaign c ON c.id = n.campaign_id WHERE n.id = %s"
)
_WINDOW_OPEN = (
    "(c.voting_opens IS NULL OR c.voting_opens <= %s) AND (c.voting_closes IS NULL OR c.voting_closes > %s)"
)
_INSERT_VOTE_HEAD = (
    "INSERT INTO honors_vote (candidate_id, voter_id, slot, at, ip, user_agent, void_reason) "
    "SELECT n.id, %s, CASE WHEN c.vote_period = %s THEN %s ELSE 0 END, %s, %s, %s, '' "
    f"{_CANDIDATE_FROM} AND n.status = %s AND {_WINDOW_OPEN} "
)
_ON_CONFLICT = "ON CONFLICT (candidate_id, voter_id, slot) DO NOTHING RETURNING id"
# For a voter whose session was checked against a remembered password hash: the same statement
# confirms the person is still active, verified and has that password, or inserts nothing.
_VOTER_STILL = (
    "EXISTS (SELECT 1 FROM people_user u WHERE u.id = %s AND u.password = %s AND u.is_active "
    "AND (u.phone_verified_at IS NOT NULL OR u.wechat_verified_at IS NOT NULL))"
)
_INSERT_VOTE = _INSERT_VOTE_HEAD + _ON_CONFLICT
_INSERT_VOTE_CONFIRMING = f"{_INSERT_VOTE_HEAD}AND {_VOTER_STILL} {_ON_CONFLICT}"
# Why no row was inserted, asked with the same conditions (only on that slower path).
_EXPLAIN_VOTE = f"SELECT n.status = %s, {_WINDOW_OPEN} {_CANDIDATE_FROM}"
_EXPLAIN_VOTE_CONFIRMING = f"SELECT n.status = %s, {_WINDOW_OPEN}, {_VOTER_STILL} {_CANDIDATE_FROM}"
# PostgreSQL does both in one statement (a data-modifying WITH, which SQLite lacks): the facts
# about the candidate, the window and the voter, the INSERT when they allow it, and the answer.
_VOTE_FACTS = (
    "SELECT n.id AS candidate_id, n.status = %s AS listed, ({window}) AS open, "
    "CASE WHEN c.vote_period = %s THEN %s ELSE 0 END AS slot, {voter} AS voter_ok {where}"
)
_VOTE_IN_ONE = (
    "WITH facts AS ({facts}), inserted AS ("
    "INSERT INTO honors_vote (candidate_id, voter_id, slot, at, ip, user_agent, void_reason) "
    "SELECT candidate_id, %s, slot, %s, %s, %s, '' FROM facts WHERE listed AND open AND voter_ok "
    "ON CONFLICT (candidate_id, voter_id, slot) DO NOTHING RETURNING 1) "
    "SELECT listed, open, voter_ok, EXISTS (SELECT 1 FROM inserted) FROM facts"
)
_VOTE_PG = _VOTE_IN_ONE.format(
    facts=_VOTE_FACTS.format(window=_WINDOW_OPEN, voter="TRUE", where=_CANDIDATE_FROM)
)
_VOTE_PG_CONFIRMING = _VOTE_IN_ONE.format(
    facts=_VOTE_FACTS.format(window=_WINDOW_OPEN, voter=_VOTER_STILL, where=_CANDIDATE_FROM)
)


class StaleVoter(Exception):
    """The remembered password hash is no longer the person's, or they are no longer an active,
    verified voter: nothing was inserted; authenticate them again the full way."""


def _day_slot(at: datetime) -> int:
    day = local_date(at)
    return day.year * 10000 + day.month * 100 + day.day


def vote_slot(campaign: Campaign, at: datetime) -> int:
    """0 for one vote per round; the Shanghai date as yyyymmdd for one vote per day."""
    return _day_slot(at) if campaign.vote_period == VotePeriod.DAY else 0


def _check_votable(candidate: Nomination, at: datetime) -> None:
    campaign = candidate.campaign
    if candidate.status != NominationStatus.CANDIDATE:
        raise ValidationError(_("该人选不在投票名单中。"))
    if (campaign.voting_opens and at < campaign.voting_opens) or (
        campaign.voting_closes and at >= campaign.voting_closes
    ):
        raise ValidationError(_("不在投票时间内。"))


def _insert_vote(
    voter_id: int, candidate_id: int, *, ip: str | None, user_agent: str, at: datetime, password: str | None
) -> bool:
    """The one statement: True when a row was inserted (votable, window open, slot free and, with
    ``password``, the voter still as remembered)."""
    stamp = connection.ops.adapt_datetimefield_value(at)
    params = [
        voter_id,
        VotePeriod.DAY.value,
        _day_slot(at),
        stamp,
        ip,
        (user_agent or "")[:255],
        candidate_id,
        NominationStatus.CANDIDATE.value,
        stamp,
        stamp,
    ]
    with hot_cursor() as cursor:
        if password is None:
            cursor.execute(_INSERT_VOTE, params)
        else:
            cursor.execute(_INSERT_VOTE_CONFIRMING, [*params, voter_id, password])
        return cursor.fetchone() is not None


def _explain_no_row(
    candidate_id: int, at: datetime, *, voter_id: int | None = None, password: str | None = None
) -> None:
    """Nothing was inserted: raise why (unknown, stale voter, not a candidate, window closed); a
    plain return means the slot was taken, i.e. a duplicate."""
    stamp = connection.ops.adapt_datetimefield_value(at)
    params = [NominationStatus.CANDIDATE.value, stamp, stamp]
    with hot_cursor() as cursor:
        if password is None:
            cursor.execute(_EXPLAIN_VOTE, [*params, candidate_id])
        else:
            cursor.execute(_EXPLAIN_VOTE_CONFIRMING, [*params, voter_id, password, candidate_id])
        row = cursor.fetchone()
    if row is None:
        raise Nomination.DoesNotExist(f"nomination {candidate_id}")
    if password is not None and not row[2]:
        raise StaleVoter(voter_id)
    if not row[0]:
        raise ValidationError(_("该人选不在投票名单中。"))
    if not row[1]:
        raise ValidationError(_("不在投票时间内。"))


def _record_vote(
    voter_id: int, candidate_id: int, *, ip: str | None, user_agent: str, at: datetime, password: str | None
) -> bool:
    """The vote statement(s): True when inserted, False for a duplicate; raises why otherwise
    (``Nomination.DoesNotExist``, ``StaleVoter``, ``ValidationError``). One statement on
    PostgreSQL whatever the outcome; elsewhere the INSERT, and a second query when it inserted
    nothing."""
    if connection.vendor != "postgresql":
        if _insert_vote(voter_id, candidate_id, ip=ip, user_agent=user_agent, at=at, password=password):
            return True
        _explain_no_row(candidate_id, at, voter_id=voter_id, password=password)
        return False
    stamp = connection.ops.adapt_datetimefield_value(at)
    facts = [NominationStatus.CANDIDATE.value, stamp, stamp, VotePeriod.DAY.value, _day_slot(at)]
    if password is not None:
        facts += [voter_id, password]
    insert = [voter_id, stamp, ip, (user_agent or "")[:255]]
    with hot_cursor() as cursor:
        cursor.execute(_VOTE_PG if password is None else _VOTE_PG_CONFIRMING, [*facts, candidate_id, *insert])
        row = cursor.fetchone()
    if row is None:
        raise Nomination.DoesNotExist(f"nomination {candidate_id}")
    listed, open_, voter_ok, inserted = row
    if inserted:
        return True
    if not voter_ok:
        raise StaleVoter(voter_id)
    if not listed:
        raise ValidationError(_("该人选不在投票名单中。"))
    if not open_:
        raise ValidationError(_("不在投票时间内。"))
    return False


def cast_vote(
    voter, candidate: Nomination, *, ip: str | None = None, user_agent: str = "", at: datetime | None = None
) -> bool:
    """One vote by a verified person for a candidate; returns False when they already voted in this
    round (or today). The unique constraint decides, with one INSERT ... ON CONFLICT DO NOTHING,
    so concurrent duplicates cannot both count and the popular-vote path stays one statement.

    Votes are not audited one by one: the vote row itself records who, when, from where; staff
    acts on votes (voiding) are audited. No ``transaction.atomic`` here on purpose: the one write
    is a single statement, atomic on its own, and an explicit transaction would add a round trip.
    """
    at = at or timezone.now()
    if not getattr(voter, "is_authenticated", False):
        raise PermissionDenied(_("请先登录后再投票。"))
    if not voter.is_verified:
        raise PermissionDenied(_("请先通过微信登录或验证手机号后再投票。"))
    _check_votable(candidate, at)
    _check_rate(voter.pk, ip, at)
    # Nothing inserted is a duplicate, unless the candidate or window changed since the checks.
    return _record_vote(voter.pk, candidate.pk, ip=ip, user_agent=user_agent, at=at, password=None)


def cast_vote_by_id(
    voter_id: int,
    candidate_id: int,
    *,
    ip: str | None = None,
    user_agent: str = "",
    at: datetime | None = None,
    confirm_password: str | None = None,
) -> bool:
    """The popular-vote path: the same vote as ``cast_vote`` for a voter the caller has already
    authenticated and found verified, without loading the candidate first. The candidate's status
    and the voting window are conditions of the INSERT itself, so the usual request is the
    rate-limit round trip plus one statement (on SQLite, when no row is inserted, a second query
    explains why: not a candidate, closed, or a duplicate: False).

    ``confirm_password``: the caller checked the session against this remembered password hash,
    not against the database; the INSERT then also requires the person to be active, verified and
    to have that password still, and ``StaleVoter`` is raised (nothing inserted) when not.

    Raises ``Nomination.DoesNotExist`` for an unknown candidate. Unlike ``cast_vote``, a refused
    request has already counted against the rate limits (they are checked before the statement):
    someone hammering a closed campaign is throttled like anyone else.
    """
    at = at or timezone.now()
    _check_rate(voter_id, ip, at)
    return _record_vote(
        voter_id, candidate_id, ip=ip, user_agent=user_agent, at=at, password=confirm_password
    )


@transaction.atomic
def void_votes(actor, campaign: Campaign, vote_ids, *, reason: str) -> int:
    """Staff void votes found fraudulent; they stop counting but stay on record. Returns how many."""
    _require(actor, "review", campaign.region)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写作废原因。"))
    ids = sorted(
        Vote.objects.filter(
            pk__in=list(vote_ids), candidate__campaign=campaign, voided_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not ids:
        raise ValidationError(_("没有可作废的投票。"))
    Vote.objects.filter(pk__in=ids).update(
        voided_at=timezone.now(), void_reason=reason[:200], voided_by=actor
    )
    audit(actor, "honors.void_votes", campaign, reason=reason, data={"votes": ids})
    return len(ids)


def record_fraud(actor, campaign: Campaign, unit: Unit, *, year: int, evidence: str):
    """A vote-fraud review found a unit behind it: the assessment records the finding (its veto reads it)."""
    from wenming.assessment.actions import record_fraud_finding

    with transaction.atomic():
        finding = record_fraud_finding(
            unit, year, evidence=evidence, actor=actor, source=f"honors:campaign:{campaign.pk}"
        )
        audit(
            actor,
            "honors.record_fraud",
            campaign,
            reason=evidence,
            data={"unit": unit.pk, "finding": finding.pk},
        )
    return finding


# --- results -----------------------------------------------------------------------------------------


@transaction.atomic
def publish_results(actor, campaign: Campaign, *, title: str) -> ResultList:
    """Freeze the ranking into a published list: the first ``list_size`` are listed, the rest are
    nominees (提名). Every judging round must be over (closed, or past its deadline) first."""
    _require(actor, "publish", campaign.region)
    if not campaign.rounds.exists():
        raise ValidationError(_("还没有评审轮次，不能发布结果。"))
    # A round past its deadline is over even if nobody pressed "close".
    if campaign.rounds.filter(closed_at__isnull=True, deadline__gt=timezone.now()).exists():
        raise ValidationError(_("评审尚未结束，不能发布结果。"))
    rows = compute_results(campaign)
    if not rows:
        raise ValidationError(_("没有候选人，不能发布结果。"))
    result = ResultList.objects.create(
        campaign=campaign,
        title=title.strip() or campaign.name,
        published_at=timezone.now(),
        published_by=actor,
    )
    ResultEntry.objects.bulk_create(
        [
            ResultEntry(
                result=result,
                rank=row.rank,
                nomination=row.nomination,
                nominee_name=row.nomination.nominee_name,
                category=row.nomination.category,
                expert_score=row.expert_score,
                votes=row.votes,
                total=row.total,
                listed=row.rank <= campaign.list_size,
            )
            for row in rows
        ]
    )
    audit(actor, "honors.publish_results", result, data={"entries": len(rows)})
    return result


# --- phone confirmation ------------------------------------------------------------------------------

CODE_TTL = timedelta(minutes=10)
MAX_ATTEMPTS = 5


def _code_hash(user_pk: int, phone: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{user_pk}:{phone}:{code}".encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def request_phone_code(user, phone: str, ip: str | None = None) -> str:
    """Send a six-digit code to ``phone``; returns the sender's message for the page.

    Sending is throttled per person (here), per phone and per client address (core.sms_codes);
    a new code voids every earlier one of the person.
    """
    from .sms import get_sender

    now = timezone.now()
    recent = PhoneConfirmation.objects.filter(user=user, sent_at__gte=now - timedelta(minutes=1)).exists()
    if recent:
        raise ValidationError(_("验证码已发送，请一分钟后再试。"))
    sms_codes.allow_send(phone, ip)
    PhoneConfirmation.objects.filter(user=user, confirmed_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = sms_codes.new_code()
    PhoneConfirmation.objects.create(
        user=user,
        phone=phone,
        code_hash=_code_hash(user.pk, phone, code),
        sent_at=now,
        expires_at=now + CODE_TTL,
    )
    audit(user, "honors.request_phone_code", user)
    return get_sender().send(phone, code)


def confirm_phone_code(user, code: str, ip: str | None = None) -> None:
    """Check the latest code; a match confirms the phone (the person becomes verified).

    A wrong code still counts as an attempt, so that count is committed before refusing; it also
    counts against the phone and the client address, which stop being checked after too many.
    """
    with transaction.atomic():
        pending = (
            PhoneConfirmation.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=True)
            .order_by("-sent_at", "-id")
            .first()
        )
        now = timezone.now()
        if pending is None or pending.expires_at <= now:
            raise ValidationError(_("验证码已过期，请重新获取。"))
        if pending.attempts >= MAX_ATTEMPTS:
            raise ValidationError(_("尝试次数过多，请重新获取验证码。"))
        sms_codes.allow_check(pending.phone, ip)
        matches = hmac.compare_digest(pending.code_hash, _code_hash(user.pk, pending.phone, code.strip()))
        if matches:
            PhoneConfirmation.objects.filter(pk=pending.pk).update(confirmed_at=now)
            people_actions.confirm_phone(user, pending.phone, at=now)
            user.phone, user.phone_verified_at = pending.phone, now
        else:
            PhoneConfirmation.objects.filter(pk=pending.pk).update(attempts=pending.attempts + 1)
            sms_codes.note_wrong_code(pending.phone, ip)
    if not matches:
        raise ValidationError(_("验证码不正确。"))


# --- campaign setup and the expert pool (staff console) ----------------------------------------------


def campaign_milestones(campaign: Campaign) -> set[str]:
    """What has already happened in the campaign (``CampaignMilestone`` values)."""
    if campaign.pk is None:
        return set()
    found = {
        CampaignMilestone.NOMINATED: campaign.nominations.exists(),
        CampaignMilestone.CHECKED: BackgroundCheck.objects.filter(nomination__campaign=campaign).exists(),
        CampaignMilestone.DRAWN: campaign.rounds.exists(),
        CampaignMilestone.VOTED: Vote.objects.filter(candidate__campaign=campaign).exists(),
        CampaignMilestone.PUBLISHED: campaign.results.exists(),
    }
    return {milestone for milestone, happened in found.items() if happened}


def frozen_fields(campaign: Campaign, milestones: set[str] | None = None) -> dict[str, str]:
    """The campaign's settings that may no longer change, each with the Chinese reason."""
    if milestones is None:
        milestones = campaign_milestones(campaign)
    frozen = {}
    for name, after in FROZEN_AFTER.items():
        reached = [m for m in after if m in milestones]
        if reached:
            frozen[name] = _("%(why)s，不能再修改。") % {"why": CampaignMilestone(reached[0]).label}
    return frozen


def _field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _list_problems(values, *, empty: str, max_length: int) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return [_("格式无效。")]
    if not values:
        return [empty]
    problems, seen = [], set()
    for value in values:
        if not value.strip() or value != value.strip():
            problems.append(_("不能有空白项。"))
        elif len(value) > max_length:
            problems.append(_("“%(v)s”过长（最多 %(n)d 字）。") % {"v": value, "n": max_length})
        elif value in seen:
            problems.append(_("“%(v)s”重复。") % {"v": value})
        seen.add(value)
    return problems


def campaign_problems(values: dict, campaign: Campaign | None = None) -> dict[str, list[str]]:
    """Every rule a campaign's settings must keep, as Chinese messages per field (empty: all good).

    ``values`` holds the settings as they would be after the change (all of ``CAMPAIGN_FIELDS``);
    ``campaign`` is the stored campaign when editing, whose progress fixes some settings. The form
    shows these next to the fields; the actions refuse with them.
    """
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if not (values.get("name") or "").strip():
        add("name", _("请填写活动名称。"))
    for name, empty, limit in (
        ("categories", _("请至少填写一个类别。"), CATEGORY_MAX_LENGTH),
        ("check_departments", _("请至少填写一个背景审核部门。"), DEPARTMENT_MAX_LENGTH),
    ):
        for message in _list_problems(values.get(name), empty=empty, max_length=limit):
            add(name, message)
    start, top, region = values.get("start_level"), values.get("top_level"), values.get("region")
    if start in LEVEL_VALUES and top in LEVEL_VALUES and LEVEL_VALUES.index(start) > LEVEL_VALUES.index(top):
        add("start_level", _("起始层级不能高于最高层级。"))
    if region is not None:
        if region.kind not in LEVEL_VALUES:
            add("region", _("主办地区须为省、市、县（市、区）、镇（街道）或村（社区）。"))
        elif top in LEVEL_VALUES and LEVEL_VALUES.index(top) > LEVEL_VALUES.index(region.kind):
            # A lead at a level above the organiser would be reviewed by a region outside it.
            add("top_level", _("最高层级不能高于主办地区（%(r)s）的层级。") % {"r": region.name})
    weights = {n: values.get(n) for n in ("expert_weight", "vote_weight")}
    for name, weight in weights.items():
        if weight is not None and not Decimal(0) <= weight <= Decimal(1):
            add(name, _("权重须在 0 到 1 之间。"))
    if all(w is not None for w in weights.values()) and sum(weights.values()) != Decimal(1):
        add(
            "vote_weight",
            _("专家评分权重与网络投票权重之和须为 1（现为 %(s)s）。") % {"s": sum(weights.values())},
        )
    for name in ("notice_days", "list_size"):
        if values.get(name) is not None and values[name] < 1:
            add(name, _("须至少为 1。"))
    n_opens, n_closes = values.get("nomination_opens"), values.get("nomination_closes")
    v_opens, v_closes = values.get("voting_opens"), values.get("voting_closes")
    if n_opens and n_closes and n_closes <= n_opens:
        add("nomination_closes", _("推荐截止时间须晚于推荐开始时间。"))
    if v_opens and v_closes and v_closes <= v_opens:
        add("voting_closes", _("投票截止时间须晚于投票开始时间。"))
    if n_opens and v_opens and v_opens < n_opens:
        add("voting_opens", _("投票开始时间不能早于推荐开始时间。"))
    if campaign is not None and campaign.pk is not None:
        for name, why in frozen_fields(campaign).items():
            if name in values and _setting(values[name]) != _setting(getattr(campaign, name)):
                add(name, why)
        kept = set(values.get("categories") or [])
        used = campaign.nominations.exclude(category__in=kept).values_list("category", flat=True)
        for category in sorted(set(used)):
            add("categories", _("类别“%(c)s”已有推荐线索，不能删除。") % {"c": category})
    return problems


def _setting(value):
    """A comparable, JSON-ready form of a setting (for the change check and the audit record)."""
    if isinstance(value, Unit):
        return value.pk
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, datetime):
        # The same instant compares equal whichever zone it was given in (forms give local time).
        return value.astimezone(UTC).isoformat()
    return value


def _refuse_if(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def create_campaign(actor, **values) -> Campaign:
    """Start a campaign. The actor must review in its region; ``values`` are ``CAMPAIGN_FIELDS``
    (missing ones take the model's defaults: the five categories, five departments, 0.7/0.3...)."""
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValueError(f"unknown campaign settings {sorted(unknown)}")
    if values.get("region") is None:
        raise ValidationError({"region": [_("请选择主办地区。")]})
    _require(actor, "review", values["region"])
    campaign = Campaign(**values)
    _refuse_if(campaign_problems({n: getattr(campaign, n) for n in CAMPAIGN_FIELDS}))
    campaign.save()
    audit(
        actor,
        "honors.create_campaign",
        campaign,
        data={n: _setting(getattr(campaign, n)) for n in CAMPAIGN_FIELDS},
    )
    return campaign


@transaction.atomic
def update_campaign(actor, campaign: Campaign, **values) -> Campaign:
    """Change a campaign's settings. Refused (nothing changes) when a rule is broken or when a
    setting fixed by the campaign's progress would change (``frozen_fields``); a new region must
    also be in the actor's review scope. Returns the campaign with the changes saved."""
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValueError(f"unknown campaign settings {sorted(unknown)}")
    # Locked so that two editors' checks and writes do not interleave.
    campaign = Campaign.objects.select_for_update().select_related("region").get(pk=campaign.pk)
    _require(actor, "review", campaign.region)
    if values.get("region") is not None and values["region"].pk != campaign.region_id:
        _require(actor, "review", values["region"])
    after = {n: values.get(n, getattr(campaign, n)) for n in CAMPAIGN_FIELDS}
    _refuse_if(campaign_problems(after, campaign))
    changes = {
        n: [_setting(getattr(campaign, n)), _setting(after[n])]
        for n in CAMPAIGN_FIELDS
        if _setting(getattr(campaign, n)) != _setting(after[n])
    }
    if not changes:
        return campaign
    for name in changes:
        setattr(campaign, name, after[name])
    campaign.save(update_fields=list(changes))
    audit(actor, "honors.update_campaign", campaign, data={"changes": changes})
    return campaign


def _expert_problems(*, name: str, unit: Unit, user, expert: Expert | None = None) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    others = Expert.objects.exclude(pk=getattr(expert, "pk", None))
    if not name:
        problems["name"] = [_("请填写专家姓名。")]
    elif others.filter(unit=unit, name=name).exists():
        problems["name"] = [_("%(u)s已有名为“%(n)s”的专家。") % {"u": unit.name, "n": name}]
    if user is not None and others.filter(user=user).exists():
        problems["user"] = [_("该账号已关联其他专家。")]
    return problems


@transaction.atomic
def add_expert(actor, *, name: str, unit: Unit, field: str = "", user=None) -> Expert:
    """Put a person in the expert pool (active). ``unit`` is their work unit, which a conflict of
    interest is judged by; the actor must review there. ``user`` is the account they score with."""
    _require(actor, "review", unit)
    name, field = name.strip(), field.strip()
    _refuse_if(_expert_problems(name=name, unit=unit, user=user))
    expert = Expert.objects.create(name=name, unit=unit, field=field, user=user, active=True)
    audit(
        actor,
        "honors.add_expert",
        expert,
        data={"unit": unit.pk, "field": field, "user": getattr(user, "pk", None)},
    )
    return expert


@transaction.atomic
def update_expert(actor, expert: Expert, *, name: str, unit: Unit, field: str = "", user=None) -> Expert:
    """Correct an expert's name, unit, field or account. Past draws are unaffected: each stored
    its own pool snapshot (ids and units at draw time), which ``verify-draw`` re-runs."""
    expert = Expert.objects.select_for_update().select_related("unit").get(pk=expert.pk)
    _require(actor, "review", expert.unit)
    if unit.pk != expert.unit_id:
        _require(actor, "review", unit)
    name, field = name.strip(), field.strip()
    _refuse_if(_expert_problems(name=name, unit=unit, user=user, expert=expert))
    before = {"name": expert.name, "unit": expert.unit_id, "field": expert.field, "user": expert.user_id}
    after = {"name": name, "unit": unit.pk, "field": field, "user": getattr(user, "pk", None)}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        expert.name, expert.unit, expert.field, expert.user = name, unit, field, user
        expert.save(update_fields=["name", "unit", "field", "user"])
        audit(actor, "honors.update_expert", expert, data={"changes": changes})
    return expert


def _set_expert_active(actor, expert: Expert, active: bool, reason: str) -> Expert:
    expert = Expert.objects.select_for_update().select_related("unit").get(pk=expert.pk)
    _require(actor, "review", expert.unit)
    if expert.active == active:
        raise ValidationError(_("该专家已在库。") if active else _("该专家已停用。"))
    Expert.objects.filter(pk=expert.pk).update(active=active)
    expert.active = active
    audit(
        actor,
        "honors.reactivate_expert" if active else "honors.deactivate_expert",
        expert,
        reason=reason.strip(),
    )
    return expert


@transaction.atomic
def deactivate_expert(actor, expert: Expert, *, reason: str = "") -> Expert:
    """Take an expert out of future draws; rounds they already sit on are not touched."""
    return _set_expert_active(actor, expert, False, reason)


@transaction.atomic
def reactivate_expert(actor, expert: Expert, *, reason: str = "") -> Expert:
    """Put a deactivated expert back into future draws."""
    return _set_expert_active(actor, expert, True, reason)
