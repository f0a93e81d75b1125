"""Assessment schemes and the units enrolled in them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import SchemeKind


class Scheme(models.Model):
    """An assessment scheme shipped as data (e.g. ``liyang-2017``); rule sets hang off it."""

    slug = models.SlugField(_("标识"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=SchemeKind.choices, default=SchemeKind.POINTS)
    region = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所属地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("起始年度"), null=True, blank=True)
    source = models.CharField(_("依据文件"), max_length=200, blank=True)
    # Scheme-level parameters from the data file (duties, vetoes, thresholds); read, never hard-coded.
    params = models.JSONField(_("参数"), default=dict, blank=True)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="enrollments")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="enrollments")
    # "其他单位" in Liyang: enrolled by the catch-all rule rather than named in the table.
    is_other = models.BooleanField(_("其他单位"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("参加单位")
        verbose_name_plural = _("参加单位")
        ordering = ["scheme_id", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "unit"], name="assessment_enrollment_unique")]

    def __str__(self) -> str:
        return f"{self.scheme.slug}: {self.unit}"
