"""Constants and status choices of the participation domain."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

# The issue fixes these; sizes of uploads are settings (WENMING["IMAGE_MAX_BYTES"] ...).
MAX_IMAGES = 9
TITLE_MAX = 80
BODY_MAX = 5000
COMMENT_MAX = 500
REASON_MAX = 200


class Status(models.TextChoices):
    """Moderation status of a story, a lead or a livestream declaration."""

    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已录用")
    REJECTED = "rejected", _("未录用")


class LeadKind(models.TextChoices):
    ACTIVITY = "activity", _("公益活动线索")
    WISH = "wish", _("微心愿")


class ClaimStatus(models.TextChoices):
    """A micro-wish claim: claimed → fulfilled → confirmed → evaluated, or released."""

    CLAIMED = "claimed", _("已认领")
    FULFILLED = "fulfilled", _("已实现")
    CONFIRMED = "confirmed", _("已确认")
    EVALUATED = "evaluated", _("已评价")
    RELEASED = "released", _("已放弃")


class Tag(models.TextChoices):
    GOOD_DEED = "good_deed", _("好人好事")
    FAMILY = "family", _("家风故事")
    VOLUNTEER = "volunteer", _("志愿服务")
    MOVING = "moving", _("感动瞬间")
    CIVILITY = "civility", _("文明新风")


class ShareChannel(models.TextChoices):
    LINK = "link", _("分享链接")
    WECHAT_FRIEND = "wechat_friend", _("微信好友")
    WECHAT_TIMELINE = "wechat_timeline", _("朋友圈")
    OTHER = "other", _("其他")


class Validity(models.TextChoices):
    """Who decided a comment's validity last: the default rule or an editor."""

    RULE = "rule", _("规则判定")
    EDITOR = "editor", _("编辑判定")


# Audit verbs: one per state change, so an item's history reads as a list of these.
class Verb:
    POST = "participation.post"
    ACCEPT = "participation.accept"
    REJECT = "participation.reject"
    HIDE = "participation.hide"
    RESTORE = "participation.restore"
    REMOVE = "participation.remove"
    HELD = "participation.livestream_held"
    CLICKS = "participation.livestream_clicks"
    COMMENT_VALID = "participation.comment_valid"
    COMMENT_INVALID = "participation.comment_invalid"
    CLAIM = "participation.claim"
    RELEASE = "participation.release"
    FULFIL = "participation.fulfil"
    CONFIRM = "participation.confirm"
    EVALUATE = "participation.evaluate"
    FLAG = "participation.flag"


VERB_LABELS = {
    Verb.POST: _("提交"),
    Verb.ACCEPT: _("录用"),
    Verb.REJECT: _("未录用"),
    Verb.HIDE: _("因举报隐藏"),
    Verb.RESTORE: _("审核后恢复"),
    Verb.REMOVE: _("审核后删除"),
    Verb.HELD: _("标记已举办"),
    Verb.CLICKS: _("登记点击量"),
    Verb.COMMENT_VALID: _("判为有效评论"),
    Verb.COMMENT_INVALID: _("判为无效评论"),
    Verb.CLAIM: _("认领"),
    Verb.RELEASE: _("放弃认领"),
    Verb.FULFIL: _("心愿实现"),
    Verb.CONFIRM: _("确认实现"),
    Verb.EVALUATE: _("评价"),
    Verb.FLAG: _("举报"),
}

# Share-link tokens are secrets.token_urlsafe(12): 16 characters of [A-Za-z0-9_-]. Anything else is
# not a token and is never looked up (a NUL byte would fail the query on PostgreSQL).
SHARE_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
# The 72-hour click count is a PositiveIntegerField: the largest value every database stores.
CLICKS_MAX = 2_147_483_647
