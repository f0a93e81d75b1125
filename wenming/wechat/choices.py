from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplyKind(models.TextChoices):
    TEXT = "text", _("文字")
    LINK = "link", _("链接")


class ReplySlot(models.TextChoices):
    """The replies that are not tied to a keyword."""

    WELCOME = "welcome", _("关注欢迎语")
    DEFAULT = "default", _("默认回复")


class ShareChannel(models.TextChoices):
    """The JS-SDK share targets, named as participation names its share channels."""

    FRIEND = "wechat_friend", _("分享给朋友")
    TIMELINE = "wechat_timeline", _("分享到朋友圈")


class OAuthScope(models.TextChoices):
    BASE = "snsapi_base", _("静默授权")
    USERINFO = "snsapi_userinfo", _("获取昵称")


# The keyword the follow-promotion survey answers to (seed 003 §一.3), and the page it opens.
SURVEY_KEYWORD = "考核"
SURVEY_PATH = "/netcivility/survey/"

DEFAULT_TEXTS = {
    # Seed 000 附件3: "关注后会收到'欢迎走进掌上道德讲堂'的字样，进入'我的社群'，选择所在的组别".
    ReplySlot.WELCOME: _("欢迎走进掌上道德讲堂！请进入“我的社群”，选择您所在的镇（区）或部门加入社群。"),
    ReplySlot.DEFAULT: _("感谢您的留言。回复“考核”参与关注推广统计。"),
}
