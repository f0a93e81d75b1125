"""The only write paths of netcivility, by sub-domain; callers use ``netcivility.actions.<name>``."""

from .prompts import chase_overdue, close_prompt, issue_prompt, mark_done
from .quotas import set_year, submit_article, submit_post
from .registry import (
    ImportRefused,
    ImportReport,
    TeamError,
    file_roster,
    import_roster,
    remove_member,
    save_member,
)
from .survey import SurveyError, close_survey, create_survey, open_survey, submit

__all__ = [
    "ImportRefused", "ImportReport", "SurveyError", "TeamError", "chase_overdue", "close_prompt", "close_survey",
    "create_survey", "file_roster", "import_roster", "issue_prompt", "mark_done", "open_survey", "remove_member",
    "save_member", "set_year", "submit", "submit_article", "submit_post",
]
