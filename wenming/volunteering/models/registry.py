"""Volunteers, their records (training, awards, evaluations) and the service taxonomy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import IdType, Source


class ServiceField(models.Model):
    """One entry of the two-level service taxonomy (服务领域 / 子领域): data a city edits or imports."""

    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级领域"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # 1 = field, 2 = sub-field; kept beside ``parent`` so the two levels are a database check.
    level = models.PositiveSmallIntegerField(_("层级"), default=1)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("服务领域")
        verbose_name_plural = _("服务领域")
        ordering = ["level", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level=1, parent__isnull=True) | Q(level=2, parent__isnull=False)),
                name="vol_field_two_levels",
            ),
            models.UniqueConstraint(fields=["name"], condition=Q(parent__isnull=True), name="vol_field_unique_top"),
            models.UniqueConstraint(fields=["parent", "name"], name="vol_field_unique_child"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name


class NumberSequence(models.Model):
    """The last sequence number issued per prefix (region + year), read under a row lock."""

    prefix = models.CharField(_("前缀"), max_length=40, unique=True)
    last = models.PositiveIntegerField(_("最后序号"), default=0)

    class Meta:
        verbose_name = _("志愿者编号序列")
        verbose_name_plural = _("志愿者编号序列")

    def __str__(self) -> str:
        return f"{self.prefix} {self.last}"


class Volunteer(models.Model):
    """A registered volunteer. ID number and phones are stored encrypted, shown masked."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="volunteer"
    )
    number = models.CharField(_("志愿者编号"), max_length=40, null=True, blank=True, unique=True)
    real_name = models.CharField(_("姓名"), max_length=60)
    id_type = models.CharField(_("证件类型"), max_length=10, choices=IdType.choices, default=IdType.RESIDENT)
    id_number_encrypted = models.TextField(_("证件号码（加密）"), blank=True, editable=False)
    # Keyed HMAC of the normalised number: the one-volunteer-per-ID constraint without clear text.
    id_hash = models.CharField(_("证件号码摘要"), max_length=64, null=True, blank=True, editable=False)
    id_masked = models.CharField(_("证件号码"), max_length=40, blank=True, editable=False)
    phone_encrypted = models.TextField(_("手机号（加密）"), blank=True, editable=False)
    phone_masked = models.CharField(_("手机号"), max_length=20, blank=True, editable=False)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    skills = models.CharField(_("技能特长"), max_length=300, blank=True)
    fields = models.ManyToManyField(ServiceField, verbose_name=_("服务领域"), blank=True, related_name="volunteers")
    available_time = models.CharField(_("可服务时间"), max_length=200, blank=True)
    emergency_name = models.CharField(_("紧急联系人"), max_length=60, blank=True)
    emergency_phone_encrypted = models.TextField(_("紧急联系人电话（加密）"), blank=True, editable=False)
    emergency_phone_masked = models.CharField(_("紧急联系人电话"), max_length=20, blank=True, editable=False)
    consent_at = models.DateTimeField(_("同意隐私条款时间"), null=True, blank=True)
    region = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.WEB)
    registered_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["id_hash"], name="vol_volunteer_unique_id")]

    def __str__(self) -> str:
        return f"{self.real_name}（{self.number or self.user.external_id or self.pk}）"

    @property
    def label(self) -> str:
        """The name used in reports: the operator's external id, else the volunteer number."""
        return self.user.external_id or self.number or str(self.pk)


class _Record(models.Model):
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="%(class)ss")
    title = models.CharField(_("名称"), max_length=200)
    on = models.DateField(_("日期"))
    issuer = models.CharField(_("组织单位"), max_length=100, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on} {self.title}"


class TrainingRecord(_Record):
    """培训记录."""

    hours = models.DecimalField(_("培训学时"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")


class AwardRecord(_Record):
    """表彰奖励记录."""

    class Meta(_Record.Meta):
        verbose_name = _("表彰奖励记录")
        verbose_name_plural = _("表彰奖励记录")


class EvaluationRecord(_Record):
    """评价记录 (an organisation's evaluation of the volunteer's service)."""

    rating = models.PositiveSmallIntegerField(_("评价等级"), null=True, blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("评价记录")
        verbose_name_plural = _("评价记录")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="vol_evaluation_rating_1_5"
            )
        ]
