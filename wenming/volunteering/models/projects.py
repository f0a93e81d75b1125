"""Projects a team publishes, their sessions, and volunteers' sign-ups."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import LIVE_SIGNUP, ProjectStatus, SignupStatus


class Project(models.Model):
    """A volunteer-service project: what, where, and whom it recruits."""

    team = models.ForeignKey("Organisation", verbose_name=_("组织方"), on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("项目名称"), max_length=200)
    field = models.ForeignKey(
        "ServiceField", verbose_name=_("服务领域"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    description = models.TextField(_("项目介绍"), blank=True)
    place = models.CharField(_("服务地点"), max_length=200, blank=True)
    district = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    slots = models.PositiveIntegerField(_("招募人数"), default=20)
    skills = models.CharField(_("技能要求"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("最低年龄"), null=True, blank=True)
    insurance_required = models.BooleanField(_("需购买保险"), default=False)
    needs_approval = models.BooleanField(_("报名需审核"), default=True)
    allow_walk_in = models.BooleanField(_("允许未报名签到"), default=False)
    cancel_hours = models.PositiveIntegerField(_("开始前多少小时截止取消"), default=24)
    status = models.CharField(_("状态"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("志愿服务项目")
        verbose_name_plural = _("志愿服务项目")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["team", "title"], name="vol_project_unique_title")]

    def __str__(self) -> str:
        return self.title


def _token_secret() -> str:
    return secrets.token_hex(16)


class Session(models.Model):
    """One occurrence of a project: start, end, place, optional coordinates and radius for check-in."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="sessions")
    external_id = models.CharField(_("外部编号"), max_length=64, null=True, blank=True, unique=True)
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    radius_m = models.PositiveIntegerField(_("签到半径（米）"), null=True, blank=True)
    slots = models.PositiveIntegerField(_("本场人数"), null=True, blank=True)
    # Per-session key of the rotating check-in token (with SECRET_KEY): one session's code opens no other.
    token_secret = models.CharField(max_length=32, default=_token_secret, editable=False)

    class Meta:
        verbose_name = _("服务场次")
        verbose_name_plural = _("服务场次")
        ordering = ["start", "id"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="vol_session_end_after_start")]
        indexes = [models.Index(fields=["start"], name="vol_session_start")]

    def __str__(self) -> str:
        return f"{self.project} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def capacity(self) -> int:
        return self.slots if self.slots is not None else self.project.slots


class Signup(models.Model):
    """A volunteer's sign-up for a session: pending → approved, or waitlisted when full."""

    volunteer = models.ForeignKey("Volunteer", verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="signups")
    session = models.ForeignKey(Session, verbose_name=_("场次"), on_delete=models.CASCADE, related_name="signups")
    status = models.CharField(_("状态"), max_length=10, choices=SignupStatus.choices)
    created_at = models.DateTimeField(_("报名时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "session"], condition=Q(status__in=LIVE_SIGNUP), name="vol_signup_unique_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.session}"
