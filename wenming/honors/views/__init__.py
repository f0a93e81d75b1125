"""Thin views: read through queries, validate with forms, write through actions.

One module per sub-domain; every view is re-exported here, so ``urls.py`` and the tests keep
writing ``views.vote``. A test that replaces something a view looks up must patch it in the
view's own module (``wenming.honors.views.votes``), not here.
"""

from .base import client_ip, staff_of_campaign
from .nominations import (
    check,
    console_campaign,
    console_nomination,
    forward,
    mine,
    nominate,
    notice,
    resolve,
    resubmit,
    review,
)
from .panels import expert_round, expert_rounds, round_detail, rounds
from .results import regions, result, results_console
from .setup import (
    campaign_new,
    campaign_settings,
    campaigns,
    console,
    expert_edit,
    expert_new,
    expert_set_active,
    experts,
)
from .verification import phone
from .votes import PAGE_SIZE, api_vote, fraud, void, vote, vote_page

__all__ = [
    "PAGE_SIZE",
    "api_vote",
    "campaign_new",
    "campaign_settings",
    "campaigns",
    "check",
    "client_ip",
    "console",
    "console_campaign",
    "console_nomination",
    "expert_edit",
    "expert_new",
    "expert_round",
    "expert_rounds",
    "expert_set_active",
    "experts",
    "forward",
    "fraud",
    "mine",
    "nominate",
    "notice",
    "phone",
    "regions",
    "resolve",
    "resubmit",
    "result",
    "results_console",
    "review",
    "round_detail",
    "rounds",
    "staff_of_campaign",
    "void",
    "vote",
    "vote_page",
]
