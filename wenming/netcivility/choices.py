from django.db import models
from django.utils.translation import gettext_lazy as _

from wenming.orgs.choices import UnitKind


class SurveyLevel(models.TextChoices):
    """Which units a survey offers under its region (seed 003: "勾选所在的各县（市、区）")."""

    COUNTY = "county", _("县（市、区）")
    TOWN_DEPARTMENT = "town_department", _("镇（街道）或部门")


LEVEL_KINDS = {
    SurveyLevel.COUNTY: (UnitKind.COUNTY,),
    SurveyLevel.TOWN_DEPARTMENT: (UnitKind.TOWN, UnitKind.DEPARTMENT, UnitKind.COMPANY, UnitKind.OTHER),
}


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("未开始")
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


# The public counts page asks for fresh numbers this often (seconds).
LIVE_REFRESH_SECONDS = 3
