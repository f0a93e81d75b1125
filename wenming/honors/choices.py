"""Constants and status choices of the good-person selection."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wenming.orgs.choices import UnitKind


class CampaignKind(models.TextChoices):
    GOOD_PERSON_WEEKLY = "weekly", _("好人周榜")
    GOOD_PERSON_MONTHLY = "monthly", _("好人月榜")
    MORAL_MODEL = "moral_model", _("道德模范")
    VIRTUOUS_YOUTH = "youth", _("美德少年")


# The five categories of the national good-person list, the default of every campaign.
DEFAULT_CATEGORIES = ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"]

# The climb: village/community → town → county → city → province (bottom first).
LEVELS = [UnitKind.VILLAGE, UnitKind.TOWN, UnitKind.COUNTY, UnitKind.CITY, UnitKind.PROVINCE]
LEVEL_VALUES = [str(level.value) for level in LEVELS]

# Departments that vet every candidate (Shaanxi practice); a campaign may set its own list.
DEFAULT_CHECK_DEPARTMENTS = ["纪检监察", "公安", "计生", "市场监管", "税务"]


class VotePeriod(models.TextChoices):
    ROUND = "round", _("每轮一票")
    DAY = "day", _("每天一票")


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    RETURNED = "returned", _("已退回")
    REJECTED = "rejected", _("未通过")
    ACCEPTED = "accepted", _("本级通过，公示中")
    CANDIDATE = "candidate", _("候选人")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("通过")
    RETURN = "return", _("退回")
    REJECT = "reject", _("不通过")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class CheckResult(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")


# --- campaign setup in the console -------------------------------------------------------------

# What staff set on a campaign in the console (everything but the creation time).
CAMPAIGN_FIELDS = [
    "name",
    "kind",
    "region",
    "categories",
    "check_departments",
    "start_level",
    "top_level",
    "nomination_opens",
    "nomination_closes",
    "notice_days",
    "voting_opens",
    "voting_closes",
    "list_size",
    "expert_weight",
    "vote_weight",
    "vote_period",
    "show_counts",
]


class CampaignMilestone(models.TextChoices):
    """What has happened in a campaign that fixes some of its settings (see FROZEN_AFTER)."""

    NOMINATED = "nominated", _("已有推荐线索")
    CHECKED = "checked", _("已登记背景审核")
    DRAWN = "drawn", _("已抽取评委")
    VOTED = "voted", _("已有网络投票")
    PUBLISHED = "published", _("榜单已发布")


# A setting may not change once any of these has happened: the leads, checks, scores and votes
# already made were made under it (a lead sits at a level of the region; a vote's slot depends on
# the vote period; experts and voters took part under the announced weights; a published list
# shows the list size and weights it was computed with). Categories are handled apart: new ones
# may be added, but one a lead already uses may not be removed (see actions.campaign_problems).
FROZEN_AFTER = {
    "region": (CampaignMilestone.NOMINATED,),
    "start_level": (CampaignMilestone.NOMINATED,),
    "top_level": (CampaignMilestone.NOMINATED,),
    "nomination_opens": (CampaignMilestone.NOMINATED,),
    "check_departments": (CampaignMilestone.CHECKED,),
    "voting_opens": (CampaignMilestone.VOTED,),
    "vote_period": (CampaignMilestone.VOTED, CampaignMilestone.PUBLISHED),
    "expert_weight": (CampaignMilestone.DRAWN, CampaignMilestone.VOTED, CampaignMilestone.PUBLISHED),
    "vote_weight": (CampaignMilestone.DRAWN, CampaignMilestone.VOTED, CampaignMilestone.PUBLISHED),
    "list_size": (CampaignMilestone.PUBLISHED,),
    "kind": (CampaignMilestone.PUBLISHED,),
}

# Longest category or department name the models' related columns hold.
CATEGORY_MAX_LENGTH = 20
DEPARTMENT_MAX_LENGTH = 30

EXPERT_PAGE_SIZE = 20
