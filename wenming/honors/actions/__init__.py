"""The only write paths of the good-person selection.

Every staff act checks permission with ``people.permissions.can`` against the unit it concerns and
leaves an audit entry. Refusals raise ``ValidationError`` (a clear Chinese message) or
``PermissionDenied`` and change nothing.

One module per sub-domain; every public name is re-exported here, so callers keep writing
``from wenming.honors import actions`` and ``actions.cast_vote(...)``. A test that replaces a
helper must patch it where it is looked up, in its sub-module (``wenming.honors.actions.votes``),
not here.
"""

# Reads the actions use, reachable from here since before the split: kept so no caller changes.
from ..queries import compute_results, reviewing_unit, round_complete
from .base import region_level
from .nominations import (
    forward_nomination,
    lodge_objection,
    missing_checks,
    post_notice,
    record_check,
    resolve_objection,
    resubmit_nomination,
    review_nomination,
    submit_nomination,
)
from .panels import close_round, draw_round, submit_score
from .results import publish_results
from .setup import (
    add_expert,
    campaign_milestones,
    campaign_problems,
    create_campaign,
    deactivate_expert,
    frozen_fields,
    reactivate_expert,
    update_campaign,
    update_expert,
)
from .verification import CODE_TTL, MAX_ATTEMPTS, confirm_phone_code, request_phone_code
from .votes import (
    RATE_WINDOW,
    RateLimited,
    StaleVoter,
    cast_vote,
    cast_vote_by_id,
    record_fraud,
    void_votes,
    vote_slot,
)

__all__ = [
    "CODE_TTL",
    "MAX_ATTEMPTS",
    "RATE_WINDOW",
    "RateLimited",
    "StaleVoter",
    "add_expert",
    "campaign_milestones",
    "campaign_problems",
    "cast_vote",
    "cast_vote_by_id",
    "close_round",
    "compute_results",
    "confirm_phone_code",
    "create_campaign",
    "deactivate_expert",
    "draw_round",
    "forward_nomination",
    "frozen_fields",
    "lodge_objection",
    "missing_checks",
    "post_notice",
    "publish_results",
    "reactivate_expert",
    "record_check",
    "record_fraud",
    "region_level",
    "request_phone_code",
    "resolve_objection",
    "resubmit_nomination",
    "review_nomination",
    "reviewing_unit",
    "round_complete",
    "submit_nomination",
    "submit_score",
    "update_campaign",
    "update_expert",
    "void_votes",
    "vote_slot",
]
