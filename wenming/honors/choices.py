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
