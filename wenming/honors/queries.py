"""Reads for pages, commands and actions; list helpers take the viewer and apply permissions."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from wenming.core.db import hot_cursor
from wenming.core.periods import Month
from wenming.orgs.models import Unit
from wenming.people.permissions import can, scope_units

from .choices import Decision, NominationStatus
from .models import Campaign, Nomination, PanelRound, Score, Vote


def reviewing_unit(nomination: Nomination) -> Unit:
    """The region whose reviewers handle the lead at its current level: the ancestor (or the
    region itself) of that kind; the campaign's region when the tree has no such level."""
    ids = [int(part) for part in nomination.region.path.strip("/").split("/") if part]
    unit = Unit.objects.filter(pk__in=ids, kind=nomination.level).first()
    return unit or nomination.campaign.region


def review_queue(user, campaign: Campaign) -> list[Nomination]:
    """Pending and accepted leads this user may act on at their current level."""
    scope = scope_units(user, "review")
    paths = list(scope.values_list("path", flat=True))
    if not paths:
        return []
    q = Q()
    for path in paths:
        q |= Q(region__path__startswith=path)
    noms = list(
        campaign.nominations.filter(q, status__in=[NominationStatus.PENDING, NominationStatus.ACCEPTED])
        .select_related("region", "campaign__region", "nominator")
        .order_by("created_at", "pk")
    )
    # One query for every region on those paths, then the level's unit is looked up in memory.
    ancestor_ids = {int(p) for n in noms for p in n.region.path.strip("/").split("/") if p}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ancestor_ids)}
    allowed_paths = tuple(paths)
    result = []
    for nom in noms:
        chain = [units[int(p)] for p in nom.region.path.strip("/").split("/") if p and int(p) in units]
        unit = next((u for u in chain if u.kind == nom.level), nom.campaign.region)
        if unit.path.startswith(allowed_paths):
            nom.reviewing_unit = unit
            result.append(nom)
    return result


def vote_counts(candidate_ids) -> dict[int, int]:
    rows = (
        Vote.objects.filter(candidate_id__in=list(candidate_ids), voided_at__isnull=True)
        .values("candidate_id")
        .annotate(n=Count("id"))
    )
    return {row["candidate_id"]: row["n"] for row in rows}


def ballot(campaign: Campaign, category: str | None = None):
    """The candidates on a campaign's vote page, optionally one category."""
    qs = (
        campaign.nominations.filter(status=NominationStatus.CANDIDATE).select_related("region").order_by("pk")
    )
    if category:
        qs = qs.filter(category=category)
    return qs


def open_campaigns(now: datetime | None = None):
    now = now or timezone.now()
    return (
        Campaign.objects.filter(Q(voting_opens__isnull=True) | Q(voting_opens__lte=now))
        .filter(Q(voting_closes__isnull=True) | Q(voting_closes__gt=now))
        .filter(nominations__status=NominationStatus.CANDIDATE)
        .distinct()
        .order_by("-created_at", "-pk")
    )


def round_complete(panel_round: PanelRound) -> bool:
    """Every drawn expert has scored every candidate of the round."""
    needed = len(panel_round.candidates) * panel_round.seats.count()
    return Score.objects.filter(round=panel_round).count() >= needed


# --- results -------------------------------------------------------------------------------------

FOUR = Decimal("0.0001")
TWO = Decimal("0.01")


@dataclass
class ResultRow:
    rank: int
    nomination: Nomination
    expert_score: Decimal
    votes: int
    total: Decimal


def compute_results(campaign: Campaign) -> list[ResultRow]:
    """Rank the candidates: expert mean and valid votes are each normalised by the best candidate's
    figure (best = 1) and combined by the campaign's weights. Ties go to the higher expert score,
    then to the earlier nomination."""
    candidates = list(
        campaign.nominations.filter(status=NominationStatus.CANDIDATE).order_by("created_at", "pk")
    )
    if not candidates:
        return []
    sums: dict[int, list[Decimal]] = defaultdict(list)
    for nom_id, score in Score.objects.filter(round__campaign=campaign).values_list("nomination_id", "score"):
        sums[nom_id].append(Decimal(score))
    means = {n.pk: (sum(sums[n.pk]) / len(sums[n.pk]) if sums[n.pk] else Decimal(0)) for n in candidates}
    votes = vote_counts(n.pk for n in candidates)
    best_mean = max(means.values()) or Decimal(1)
    best_votes = Decimal(max(votes.values(), default=0) or 1)
    rows = []
    for order, nom in enumerate(candidates):
        total = (
            campaign.expert_weight * means[nom.pk] / best_mean
            + campaign.vote_weight * votes.get(nom.pk, 0) / best_votes
        )
        rows.append(
            (total.quantize(FOUR, ROUND_HALF_UP), means[nom.pk].quantize(TWO, ROUND_HALF_UP), order, nom)
        )
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    return [
        ResultRow(rank=i, nomination=nom, expert_score=mean, votes=votes.get(nom.pk, 0), total=total)
        for i, (total, mean, _order, nom) in enumerate(rows, start=1)
    ]


# --- fraud signals -------------------------------------------------------------------------------


@dataclass
class Burst:
    kind: str  # "ip", "ua" or "new"
    key: str
    candidate: Nomination
    start: datetime
    end: datetime
    vote_ids: list[int]

    @property
    def size(self) -> int:
        return len(self.vote_ids)


def bursts(
    campaign: Campaign,
    *,
    since: datetime,
    window: timedelta = timedelta(minutes=5),
    threshold: int = 20,
    new_days: int = 1,
) -> list[Burst]:
    """Many valid votes for one candidate from one IP or one user agent within ``window``, or from
    accounts created less than ``new_days`` before they voted. Largest first."""
    rows = (
        Vote.objects.filter(candidate__campaign=campaign, at__gte=since, voided_at__isnull=True)
        .order_by("at", "pk")
        .values_list("pk", "candidate_id", "ip", "user_agent", "at", "voter__date_joined")
    )
    groups: dict[tuple, list[tuple[int, datetime]]] = defaultdict(list)
    for pk, cand, ip, ua, at, joined in rows:
        if ip:
            groups[("ip", ip, cand)].append((pk, at))
        if ua:
            groups[("ua", ua, cand)].append((pk, at))
        if joined and at - joined < timedelta(days=new_days):
            groups[("new", "", cand)].append((pk, at))
    found = []
    for (kind, key, cand), votes in groups.items():
        best = _densest(votes, window)
        if len(best) >= threshold:
            found.append((kind, key, cand, best))
    candidates = {n.pk: n for n in Nomination.objects.filter(pk__in={f[2] for f in found})}
    result = [
        Burst(
            kind=kind,
            key=key,
            candidate=candidates[cand],
            start=best[0][1],
            end=best[-1][1],
            vote_ids=[pk for pk, _ in best],
        )
        for kind, key, cand, best in found
    ]
    result.sort(key=lambda b: (-b.size, b.start))
    return result


def _densest(votes: list[tuple[int, datetime]], window: timedelta) -> list[tuple[int, datetime]]:
    """The largest run of votes (sorted by time) that fits inside ``window`` (two pointers)."""
    best_lo = best_hi = lo = 0
    for hi in range(len(votes)):
        while votes[hi][1] - votes[lo][1] > window:
            lo += 1
        if hi - lo > best_hi - best_lo:
            best_lo, best_hi = lo, hi
    return votes[best_lo : best_hi + 1] if votes else []


# --- regions ranked by nominations (Shandong) --------------------------------------------------


@dataclass
class RegionRow:
    rank: int
    region: Unit
    made: int
    accepted: int


def region_ranking(parent: Unit, month: Month) -> list[RegionRow]:
    """For each region directly under ``parent``: leads made in ``month`` from inside it and how
    many of those were accepted at some level. Ranked by made, then accepted (ties share a rank)."""
    children = list(
        parent.children.filter(kind__in=["province", "city", "county", "town", "village"]).order_by(
            "sort_order", "pk"
        )
    )
    made: dict[int, int] = defaultdict(int)
    accepted: dict[int, int] = defaultdict(int)
    noms = (
        Nomination.objects.filter(
            created_at__gte=month.start, created_at__lt=month.end, region__path__startswith=parent.path
        )
        .annotate(n_accept=Count("reviews", filter=Q(reviews__decision=Decision.ACCEPT)))
        .values_list("region__path", "n_accept")
    )
    by_path = [(child.path, child.pk) for child in children]
    for path, n_accept in noms:
        for child_path, child_pk in by_path:
            if path.startswith(child_path):
                made[child_pk] += 1
                accepted[child_pk] += 1 if n_accept else 0
                break
    ordered = sorted(children, key=lambda c: (-made[c.pk], -accepted[c.pk], c.sort_order, c.pk))
    rows, rank, previous = [], 0, None
    for i, child in enumerate(ordered, start=1):
        key = (made[child.pk], accepted[child.pk])
        if key != previous:
            rank, previous = i, key
        rows.append(RegionRow(rank=rank, region=child, made=made[child.pk], accepted=accepted[child.pk]))
    return rows


def rankable_regions(user):
    """Regions the user may see the ranking under."""
    return scope_units(user, "review").filter(kind__in=["province", "city", "county", "town"])


def may_manage(user, campaign: Campaign) -> bool:
    return can(user, "review", campaign.region)


_VOTER_FACTS = (
    "SELECT password, is_active, (phone_verified_at IS NOT NULL OR wechat_verified_at IS NOT NULL) "
    "FROM people_user WHERE id = %s"
)
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class _Password(NamedTuple):
    password: str


class SessionVoter(NamedTuple):
    id: int
    verified: bool
    # The password hash the session was checked against when that check used this process's
    # memory instead of the database: the vote's INSERT then requires it to be still current.
    unconfirmed_password: str | None = None


# Active, verified voters' password hashes as last read here (user id -> hash), so that a voter's
# second and later votes skip the user query. Never trusted alone: a vote that used an entry only
# counts if the same INSERT finds the person still active, verified and with that password.
_KNOWN_VOTERS: dict[int, str] = {}
_KNOWN_VOTERS_MAX = 200_000  # about 30 MB of hashes at most; emptied, not evicted, when full


def forget_voter(user_id: int) -> None:
    _KNOWN_VOTERS.pop(user_id, None)


def _session_hash(password: str) -> str:
    # Django's own function (same salt, same secret), given just the password: building a model
    # instance for it cost more than the rest of this check.
    return AbstractBaseUser._get_session_auth_hash(_Password(password))


def session_voter(session) -> SessionVoter | None:
    """The session's person, checked exactly as Django's ``auth.get_user`` checks a session: the
    backend is the model backend and configured, the person exists and is active, and the
    session's auth hash matches the current password hash (constant-time compare). None when
    anything is unusual (no session, another backend, a hash made with a fallback secret or an old
    password): the caller then takes Django's own path through ``request.user``, which also
    flushes or re-keys the session as it must.

    A voter seen before in this process is checked against the remembered password hash and
    comes back with ``unconfirmed_password`` set; the vote statement confirms it (see
    ``actions.cast_vote_by_id``). Otherwise one parameterised user query.

    Why: on the popular vote this replaces the ORM compiling the user lookup on every request,
    and for a returning voter the lookup itself.
    """
    try:
        raw_id = session[SESSION_KEY]
        backend = session[BACKEND_SESSION_KEY]
        session_hash = session[HASH_SESSION_KEY]
    except KeyError:
        return None
    if backend != _MODEL_BACKEND or backend not in settings.AUTHENTICATION_BACKENDS:
        return None
    try:
        user_id = int(raw_id)
    except (TypeError, ValueError):
        return None
    known = _KNOWN_VOTERS.get(user_id)
    if known is not None and constant_time_compare(session_hash or "", _session_hash(known)):
        return SessionVoter(user_id, True, known)
    with hot_cursor() as cursor:
        cursor.execute(_VOTER_FACTS, [user_id])
        row = cursor.fetchone()
    if row is None or not row[1]:
        return None
    password, _active, verified = row
    if not constant_time_compare(session_hash or "", _session_hash(password)):
        return None
    if verified:
        if len(_KNOWN_VOTERS) >= _KNOWN_VOTERS_MAX:
            _KNOWN_VOTERS.clear()
        _KNOWN_VOTERS[user_id] = password
    return SessionVoter(user_id, bool(verified))
