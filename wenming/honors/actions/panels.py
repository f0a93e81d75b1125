"""Expert panels: the reproducible draw, the experts' scores and the end of a round."""

import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit

from ..choices import NominationStatus
from ..draw import canonical_pool, draw_panel
from ..models import Campaign, Expert, Nomination, PanelRound, PanelSeat, Score
from ..queries import round_complete
from .base import _require


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
