"""Permission-aware reads of netcivility, by sub-domain."""

from .prompts import completion, managed_prompt, my_assignments, page_notices, prompts_for
from .quotas import best_volunteers, county_figures, month_compliance, year_compliance
from .registry import counties_for, managed_county, member_of, members_for, roster_gaps, roster_overview
from .survey import console_surveys, current_survey, managed_survey, ranked_counts, submission_of

__all__ = [
    "best_volunteers", "completion", "console_surveys", "counties_for", "county_figures", "current_survey",
    "managed_county", "managed_prompt", "managed_survey", "member_of", "members_for", "month_compliance",
    "my_assignments", "page_notices", "prompts_for", "ranked_counts", "roster_gaps", "roster_overview",
    "submission_of", "year_compliance",
]
