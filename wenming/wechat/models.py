"""Keyword replies staff configure, the fixed replies (welcome, default), and the inbound log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ReplyKind, ReplySlot


class KeywordReply(models.Model):
    """A text a follower may send (e.g. 考核) and what the account answers: text, or text and a link.

    ``link`` is a full https address or a path on this site ("/netcivility/survey/"), which the
    reply turns into a full address on the host WeChat called.
    """

    keyword = models.CharField(_("关键词"), max_length=30, unique=True)
    kind = models.CharField(_("回复类型"), max_length=10, choices=ReplyKind.choices, default=ReplyKind.TEXT)
    text = models.CharField(_("回复文字"), max_length=600)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更新人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("关键词回复")
        verbose_name_plural = _("关键词回复")
        ordering = ["keyword"]
        constraints = [
            models.CheckConstraint(condition=~Q(keyword=""), name="wechat_keyword_not_blank"),
            models.CheckConstraint(condition=~Q(text=""), name="wechat_keyword_text_not_blank"),
            models.CheckConstraint(
                condition=Q(kind=ReplyKind.TEXT, link="") | (Q(kind=ReplyKind.LINK) & ~Q(link="")),
                name="wechat_keyword_link_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.keyword


class ReplyText(models.Model):
    """The welcome text on subscribe and the default reply to unknown text; one row per slot."""

    slot = models.CharField(_("位置"), max_length=10, choices=ReplySlot.choices, unique=True)
    text = models.CharField(_("回复文字"), max_length=600)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("固定回复")
        verbose_name_plural = _("固定回复")
        ordering = ["slot"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="wechat_replytext_not_blank")]

    def __str__(self) -> str:
        return self.get_slot_display()


class InboundMessage(models.Model):
    """One message or event WeChat delivered. Only the openid identifies the sender; the text
    itself is not kept (it may hold anything), only which keyword it matched.

    ``dedup_key`` is WeChat's MsgId, or sender + time + event for events: WeChat retries a
    message it got no answer to, and a retry must not be logged twice.
    """

    dedup_key = models.CharField(_("去重键"), max_length=120, unique=True)
    openid = models.CharField(_("openid"), max_length=64, db_index=True)
    msg_type = models.CharField(_("消息类型"), max_length=20)
    event = models.CharField(_("事件"), max_length=30, blank=True)
    matched_keyword = models.CharField(_("命中关键词"), max_length=30, blank=True)
    safe_mode = models.BooleanField(_("加密模式"), default=False)
    received_at = models.DateTimeField(_("接收时间"), db_index=True)

    class Meta:
        verbose_name = _("收到的消息")
        verbose_name_plural = _("收到的消息")
        ordering = ["-received_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(openid=""), name="wechat_inbound_openid_not_blank")]

    def __str__(self) -> str:
        return f"{self.msg_type}/{self.event} {self.received_at:%Y-%m-%d %H:%M}"
