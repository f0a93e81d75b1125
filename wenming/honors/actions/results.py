"""The published result list."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit

from ..models import Campaign, ResultEntry, ResultList
from ..queries import compute_results
from .base import _require


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
