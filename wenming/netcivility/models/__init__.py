"""netcivility's models, one module per sub-domain: the follow survey, the teams' registry, prompts and quotas."""

from .prompts import ItemCompletion, Prompt, PromptAssignment, PromptItem, Reminder
from .quotas import Post
from .registry import CivilizedUnit, Member, MemberRole, RosterFiling, YearSetting
from .survey import FollowSubmission, FollowSurvey

__all__ = [
    "CivilizedUnit", "FollowSubmission", "FollowSurvey", "ItemCompletion", "Member", "MemberRole", "Post",
    "Prompt", "PromptAssignment", "PromptItem", "Reminder", "RosterFiling", "YearSetting",
]
