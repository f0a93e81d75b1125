"""Votes (the rate limits and the one-statement insert of the popular path) and what staff do
about fraud: voiding votes and recording a finding against a unit."""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.db import hot_cursor
from wenming.core.periods import local_date
from wenming.journal.actions import audit
from wenming.orgs.models import Unit

from ..choices import NominationStatus, VotePeriod
from ..models import Campaign, Nomination, Vote
from .base import _require


class RateLimited(Exception):
    """Too many votes from one person or one address in the current minute."""


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


# --- fraud -----------------------------------------------------------------------------------------


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
