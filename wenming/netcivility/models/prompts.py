"""Work prompts (工作提示): what the office asks members to repost or comment on, and who did it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import PromptStatus, ReminderChannel, Urgency


class Prompt(models.Model):
    """A prompt issued by the office of ``region`` to the listed roles in the listed counties.

    Who must do it is fixed when it is issued (``PromptAssignment``): a roster change afterwards
    does not rewrite what a prompt asked of whom.
    """

    region = models.ForeignKey("orgs.Unit", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("内容"), blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.MONTHLY)
    roles = models.JSONField(_("面向角色"), default=list)
    counties = models.ManyToManyField("orgs.Unit", verbose_name=_("面向地区"), related_name="+")
    deadline = models.DateTimeField(_("截止时间"))
    status = models.CharField(_("状态"), max_length=10, choices=PromptStatus.choices, default=PromptStatus.OPEN)
    issued_at = models.DateTimeField(_("发布时间"))
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("工作提示")
        verbose_name_plural = _("工作提示")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="netciv_prompt_title_not_blank"),
            models.CheckConstraint(condition=Q(deadline__gt=models.F("issued_at")), name="netciv_prompt_deadline_after_issue"),
            models.CheckConstraint(
                condition=~Q(status=PromptStatus.CLOSED) | Q(closed_at__isnull=False), name="netciv_prompt_closed_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self):
        """Permissions are asked on the issuing office's region."""
        return self.region

    @property
    def is_open(self) -> bool:
        return self.status == PromptStatus.OPEN


class PromptItem(models.Model):
    """One thing to repost or comment on."""

    prompt = models.ForeignKey(Prompt, verbose_name=_("工作提示"), on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("事项"), max_length=200)
    link = models.URLField(_("链接"), max_length=500)
    order = models.PositiveSmallIntegerField(_("序号"), default=1)

    class Meta:
        verbose_name = _("提示事项")
        verbose_name_plural = _("提示事项")
        ordering = ["prompt_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["prompt", "order"], name="netciv_item_order_unique"),
            models.CheckConstraint(condition=Q(link__startswith="http://") | Q(link__startswith="https://"),
                                   name="netciv_item_link_http"),
        ]

    def __str__(self) -> str:
        return self.title


class PromptAssignment(models.Model):
    """A member a prompt asks; ``completed_at`` is set when the member's last item is done."""

    prompt = models.ForeignKey(Prompt, verbose_name=_("工作提示"), on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey("netcivility.Member", verbose_name=_("成员"), on_delete=models.CASCADE, related_name="assignments")
    county = models.ForeignKey("orgs.Unit", verbose_name=_("县（市、区）"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提示对象")
        verbose_name_plural = _("提示对象")
        ordering = ["prompt_id", "county_id", "member_id"]
        constraints = [models.UniqueConstraint(fields=["prompt", "member"], name="netciv_assignment_once")]

    def __str__(self) -> str:
        return f"{self.prompt} · {self.member}"


class ItemCompletion(models.Model):
    """A member did an item: the link of the repost or comment, optionally a screenshot."""

    assignment = models.ForeignKey(PromptAssignment, verbose_name=_("提示对象"), on_delete=models.CASCADE, related_name="completions")
    item = models.ForeignKey(PromptItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="completions")
    link = models.URLField(_("转发或评论链接"), max_length=500)
    screenshot = models.ImageField(_("截图"), upload_to="netcivility/%Y/%m/", blank=True)
    done_at = models.DateTimeField(_("完成时间"))

    class Meta:
        verbose_name = _("事项完成")
        verbose_name_plural = _("事项完成")
        ordering = ["assignment_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "item"], name="netciv_item_done_once"),
            models.CheckConstraint(condition=Q(link__startswith="http://") | Q(link__startswith="https://"),
                                   name="netciv_completion_link_http"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.item}"


class Reminder(models.Model):
    """A chase of an overdue assignment: sent by WeChat, or shown on the member's page."""

    assignment = models.ForeignKey(PromptAssignment, verbose_name=_("提示对象"), on_delete=models.CASCADE, related_name="reminders")
    channel = models.CharField(_("方式"), max_length=10, choices=ReminderChannel.choices)
    sent_at = models.DateTimeField(_("催办时间"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("催办人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("催办记录")
        verbose_name_plural = _("催办记录")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_channel_display()}"
