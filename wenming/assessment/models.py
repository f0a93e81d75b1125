"""Assessment schemes and the units enrolled in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wenming.core.periods import Month
from wenming.core.uploads import RandomName

from .choices import OCCURRENCES, MaterialSource, SchemeKind, Standard


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
    """A unit taking part in a scheme; only enrolled units are assessed and ranked."""

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


class FraudFinding(models.Model):
    """Fraud (弄虚作假) found in a unit's work for a year: a Liyang veto. Recorded by an admin with evidence."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="fraud_findings")
    year = models.PositiveSmallIntegerField(_("年度"))
    evidence = models.TextField(_("证据"))
    # Where the finding came from, e.g. "honors:review:12" for a vote-fraud review.
    source = models.CharField(_("来源"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("弄虚作假认定")
        verbose_name_plural = _("弄虚作假认定")
        ordering = ["-year", "unit_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(evidence=""), name="assessment_fraud_evidence_required"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="assessment_fraud_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Item(models.Model):
    """One item of an itemised scheme (Luoyang 2014 has 11, worth 30 points), loaded from the scheme file."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("考核内容"), max_length=200)
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    standard = models.CharField(_("考核标准"), max_length=20, choices=Standard.choices)
    # "MM-DD" dates for deadline items, one occurrence each (item 1: plan by 03-31, summary by 11-30).
    deadlines = models.JSONField(_("截止日期"), default=list, blank=True)
    quality_scored = models.BooleanField(_("按质评分"), default=False)
    needs_seal = models.BooleanField(_("需盖章签字"), default=False)
    # For ``standard = "figure"``: the registered figure the item reads (assessment.figures).
    figure = models.CharField(_("数据来源"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("考核项目")
        verbose_name_plural = _("考核项目")
        ordering = ["scheme_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="assessment_item_unique_number"),
            models.CheckConstraint(condition=Q(points__gt=0), name="assessment_item_points_positive"),
            models.CheckConstraint(condition=Q(standard__in=Standard.values), name="assessment_item_standard_valid"),
            models.CheckConstraint(
                condition=Q(standard=Standard.FIGURE, figure__gt="") | (~Q(standard=Standard.FIGURE) & Q(figure="")),
                name="assessment_item_figure_iff_standard",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def occurrences(self) -> int:
        """How many times the item must be met in a year; its points split evenly over them."""
        if self.standard == Standard.DEADLINE:
            return max(len(self.deadlines), 1)
        return OCCURRENCES.get(self.standard, 1)


class Material(models.Model):
    """A material a unit reported for an item (a plan, a lesson plan, an activity report, a paper)."""

    item = models.ForeignKey(Item, verbose_name=_("考核项目"), on_delete=models.PROTECT, related_name="materials")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="materials")
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(_("附件"), upload_to=RandomName("assessment/materials/%Y/%m/"), blank=True)
    reported_at = models.DateTimeField(_("上报时间"), db_index=True)
    author = models.CharField(_("作者"), max_length=50, blank=True)
    checked_by = models.CharField(_("审核把关人"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    has_seal = models.BooleanField(_("已盖单位公章"), default=False)
    has_signature = models.BooleanField(_("主要负责人已签字"), default=False)
    source = models.CharField(_("来源"), max_length=10, choices=MaterialSource.choices, default=MaterialSource.WEB)
    # The domain event the material came from (import or web), so a re-import never duplicates it.
    event_key = models.CharField(_("事件键"), max_length=200, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上报人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("上报材料")
        verbose_name_plural = _("上报材料")
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["unit", "item", "reported_at"], name="assessment_material_unit_item")]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="assessment_material_title_required")]

    def __str__(self) -> str:
        return self.title


class QualityScore(models.Model):
    """A reviewer's score for a quality-scored or per-notice item, for one unit and year."""

    item = models.ForeignKey(Item, verbose_name=_("考核项目"), on_delete=models.PROTECT, related_name="quality_scores")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="quality_scores")
    year = models.PositiveSmallIntegerField(_("年度"))
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    # The item's points when scored, copied so the database itself refuses a score above them.
    max_points = models.DecimalField(_("满分"), max_digits=6, decimal_places=2)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评分人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField(_("评语"), max_length=200, blank=True)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("按质评分")
        verbose_name_plural = _("按质评分")
        ordering = ["year", "unit_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "unit", "year"], name="assessment_quality_one_per_year"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=models.F("max_points")), name="assessment_quality_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} #{self.item.number}: {self.score}"


class Republication(models.Model):
    """A unit's item republished on the organs' party-building website (network-propagation bonus)."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="republications")
    at = models.DateTimeField(_("转载时间"), db_index=True)
    title = models.CharField(_("标题"), max_length=200, blank=True)
    event_key = models.CharField(_("事件键"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("网站转载")
        verbose_name_plural = _("网站转载")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.at:%Y-%m-%d}"


class Bulletin(models.Model):
    """A published monthly bulletin: the numbers exactly as published, never changed afterwards.

    Re-publishing a reopened month adds a new version; earlier versions stay readable.
    """

    scheme = models.ForeignKey(Scheme, verbose_name=_("方案"), on_delete=models.PROTECT, related_name="bulletins")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    version = models.PositiveSmallIntegerField(_("版本"))
    data = models.JSONField(_("通报数据"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("月度通报")
        verbose_name_plural = _("月度通报")
        ordering = ["scheme_id", "-year", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year", "month", "version"], name="assessment_bulletin_version"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="assessment_bulletin_month_range"),
            models.CheckConstraint(condition=Q(version__gte=1), name="assessment_bulletin_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.slug} {self.year}-{self.month:02d} v{self.version}"

    def save(self, *args, **kwargs):
        # Published numbers are immutable: only the first insert is allowed.
        if self.pk is not None:
            raise ValueError("已发布的通报不可修改")
        super().save(*args, **kwargs)

    @property
    def period(self) -> Month:
        return Month(self.year, self.month)
