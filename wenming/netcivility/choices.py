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


# --- network-civilization teams (RULES.md §5, seed 003) ---


class TeamRole(models.TextChoices):
    """The role blocks of the seed's 网络精神文明建设队伍登记表, in the form's order."""

    LEADER = "leader", _("分管领导")
    LIAISON = "liaison", _("联络员")
    COMMENTER = "commenter", _("网络评论员")
    VOLUNTEER = "volunteer", _("网络文明志愿者")


# Roles whose blog and microblog cells are "/" on the form: the field is not theirs.
ROLES_WITHOUT_ACCOUNTS = frozenset({TeamRole.LEADER, TeamRole.LIAISON, TeamRole.COMMENTER})
# Rows each role block has on the printed form before extra rows are added (the seed's layout).
FORM_BLOCK_ROWS = {TeamRole.LEADER: 1, TeamRole.LIAISON: 1, TeamRole.COMMENTER: 5, TeamRole.VOLUNTEER: 3}
MIN_COMMENTERS = 3
DEFAULT_DUE = (3, 21)  # 3月21日前报送
DEFAULT_QUOTA = 1


class CivilizedLevel(models.TextChoices):
    NATIONAL = "national", _("全国文明单位")
    PROVINCIAL = "provincial", _("省级文明单位")
    CITY = "city", _("市级文明单位")
    COUNTY = "county", _("县级文明单位")


class Urgency(models.TextChoices):
    MONTHLY = "monthly", _("月度提示")
    DAILY = "daily", _("每日提示")
    IMMEDIATE = "immediate", _("马上提示")


class PromptStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已关闭")


class PostKind(models.TextChoices):
    BLOG = "blog", _("博文")
    ARTICLE = "article", _("原创信息稿")


class ReminderChannel(models.TextChoices):
    WECHAT = "wechat", _("微信模板消息")
    PAGE = "page", _("页面提醒")


EVENT_ITEM_DONE = "netcivility_item_done"
EVENT_POST = "netcivility_post"
STREAK_MONTHS = 3
BEST_LIMIT = 10
