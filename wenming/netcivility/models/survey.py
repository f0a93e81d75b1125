"""The follow-promotion survey (seed 003 §一.3): one submission per WeChat account per survey."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import LEVEL_KINDS, SurveyLevel, SurveyStatus


class FollowSurvey(models.Model):
    """A count of who follows the official account, by the region each follower picks.

    ``region`` bounds the choices; ``level`` says whether people pick a county or a town /
    department inside it.
    """

    title = models.CharField(_("标题"), max_length=100)
    region = models.ForeignKey("orgs.Unit", verbose_name=_("统计范围"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("选择层级"), max_length=20, choices=SurveyLevel.choices, default=SurveyLevel.COUNTY)
    status = models.CharField(_("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("关注推广统计")
        verbose_name_plural = _("关注推广统计")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="netcivility_survey_title_not_blank"),
            models.CheckConstraint(
                condition=Q(status=SurveyStatus.DRAFT) | Q(opened_at__isnull=False),
                name="netcivility_survey_opened_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=SurveyStatus.CLOSED) | Q(closed_at__isnull=False),
                name="netcivility_survey_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self):
        """The unit permissions are asked on: an editor of a region manages the surveys over it."""
        return self.region

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    def choices(self):
        """The units a person may pick, in the tree's order."""
        from wenming.orgs.models import Unit

        return Unit.objects.filter(
            path__startswith=self.region.path, kind__in=LEVEL_KINDS[self.level], is_active=True
        ).order_by("sort_order", "id")


class FollowSubmission(models.Model):
    """One WeChat account's answer. The unique constraint, not a check in Python, is what makes it
    one per account: two submissions racing each other cannot both be stored."""

    survey = models.ForeignKey(FollowSurvey, verbose_name=_("统计"), on_delete=models.CASCADE, related_name="submissions")
    openid = models.CharField(_("openid"), max_length=64)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所选地区"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("关注推广提交")
        verbose_name_plural = _("关注推广提交")
        ordering = ["survey_id", "submitted_at", "id"]
        indexes = [models.Index(fields=["survey", "unit"], name="netciv_submission_survey_unit")]
        constraints = [
            models.UniqueConstraint(fields=["survey", "openid"], name="netcivility_one_submission_per_openid"),
            models.CheckConstraint(condition=~Q(openid=""), name="netcivility_submission_openid_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.unit}"
