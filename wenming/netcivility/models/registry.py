"""The registry of each county office's network-civilization team (seed 003's 登记表)."""

from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wenming.core.masking import mask_phone

from .. import crypto
from ..choices import DEFAULT_DUE, DEFAULT_QUOTA, CivilizedLevel, TeamRole

MOBILE_RE = r"^1[3-9]\d{9}$"
mobile_validator = RegexValidator(MOBILE_RE, _("手机号码格式不正确（应为 11 位，以 1 开头）"))


class YearSetting(models.Model):
    """A year's rules: when rosters are due and the monthly quotas (seed 003: 3月21日, 1 篇)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    roster_due = models.DateField(_("名单报送截止日"))
    blog_quota = models.PositiveSmallIntegerField(_("志愿者每月博文数"), default=DEFAULT_QUOTA)
    article_quota = models.PositiveSmallIntegerField(_("全国文明单位每月原创稿数"), default=DEFAULT_QUOTA)

    class Meta:
        verbose_name = _("年度设置")
        verbose_name_plural = _("年度设置")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(blog_quota__gte=1), name="netciv_year_blog_quota_gte_1"),
            models.CheckConstraint(condition=Q(article_quota__gte=1), name="netciv_year_article_quota_gte_1"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @classmethod
    def for_year(cls, year: int) -> "YearSetting":
        """The stored setting, or the seed's defaults (unsaved) when the year has none."""
        found = cls.objects.filter(year=year).first()
        return found or cls(year=year, roster_due=date(year, *DEFAULT_DUE))


class CivilizedUnit(models.Model):
    """A unit's civilized-unit title; a nationally civilized unit owes an original article a month."""

    unit = models.OneToOneField("orgs.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("文明单位级别"), max_length=20, choices=CivilizedLevel.choices)

    class Meta:
        verbose_name = _("文明单位")
        verbose_name_plural = _("文明单位")
        constraints = [models.CheckConstraint(condition=Q(level__in=CivilizedLevel.values), name="netciv_civilized_level_valid")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_level_display()}"


class MemberManager(models.Manager):
    def by_mobile(self, mobile: str):
        return self.filter(mobile_digest=crypto.digest((mobile or "").strip()))


class Member(models.Model):
    """One person of a county's team, matched by mobile; the roles are in ``MemberRole``."""

    county = models.ForeignKey("orgs.Unit", verbose_name=_("县（市、区）"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所属文明单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    unit_name = models.CharField(_("单位"), max_length=100, blank=True)
    # The mobile is stored encrypted; ``mobile_digest`` finds a person by number, ``mobile_masked`` shows it.
    mobile_digest = models.CharField(_("手机号码摘要"), max_length=64, unique=True, editable=False)
    mobile_cipher = models.TextField(_("手机号码（加密）"), editable=False)
    mobile_masked = models.CharField(_("手机号码"), max_length=11, editable=False)
    wechat_id = models.CharField(_("微信号"), max_length=64, blank=True)
    blog = models.CharField(_("博客（新华网和新浪网）"), max_length=200, blank=True)
    microblog = models.CharField(_("微博（腾讯和新浪）"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("平台账号"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="netcivility_member",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MemberManager()

    class Meta:
        verbose_name = _("队伍成员")
        verbose_name_plural = _("队伍成员")
        ordering = ["county_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="netciv_member_name_not_blank"),
            models.CheckConstraint(condition=Q(mobile_digest__regex=r"^[0-9a-f]{64}$"), name="netciv_member_mobile_digest"),
            models.CheckConstraint(condition=~Q(mobile_cipher=""), name="netciv_member_mobile_stored"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def mobile(self) -> str:
        """The whole number: only for pages and exports allowed to show it (``queries.registry.revealer``)."""
        return crypto.decrypt(self.mobile_cipher) if self.mobile_cipher else ""

    @mobile.setter
    def mobile(self, value: str) -> None:
        value = (value or "").strip()
        mobile_validator(value)
        self.mobile_digest, self.mobile_cipher, self.mobile_masked = crypto.digest(value), crypto.encrypt(value), mask_phone(value)

    @property
    def masked_mobile(self) -> str:
        return self.mobile_masked

    def role_set(self) -> set[str]:
        return {r.role for r in self.roles.all()}


class MemberRole(models.Model):
    """A role a member holds; a person may hold several (a liaison who is also a commenter)."""

    member = models.ForeignKey(Member, verbose_name=_("成员"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("角色"), max_length=20, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("成员角色")
        verbose_name_plural = _("成员角色")
        ordering = ["member_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["member", "role"], name="netciv_member_role_once"),
            models.CheckConstraint(condition=Q(role__in=TeamRole.values), name="netciv_member_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_role_display()}"


class RosterFiling(models.Model):
    """A county office filed its roster for the year (the first filing counts against the due date)."""

    county = models.ForeignKey("orgs.Unit", verbose_name=_("县（市、区）"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    filed_at = models.DateTimeField(_("报送时间"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("名单报送")
        verbose_name_plural = _("名单报送")
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="netciv_roster_filed_once_a_year")]

    def __str__(self) -> str:
        return f"{self.county} · {self.year}"
