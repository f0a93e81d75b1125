"""Manuscripts (稿件), their adoptions, and briefing issues (期) with their sections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import AttachmentKind, BriefingStatus, Level, ManuscriptStatus, Origin, SectionKind


class Manuscript(models.Model):
    """A piece a unit sends in. ``origin`` decides the row of the adoption report it counts in.

    ``first_adopted_at`` is the instant of the piece's first adoption, kept by the actions: a
    piece counts once, in the year of this instant (Shanghai), however many issues carry it.
    """

    external_id = models.CharField(_("导入编号"), max_length=64, null=True, blank=True, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"), blank=True)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    checked_by = models.CharField(_("审核人"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    wanted_section = models.CharField(_("拟投栏目"), max_length=50, blank=True)
    origin = models.CharField(_("稿件类别"), max_length=10, choices=Origin.choices)
    region = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所属地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(_("行业系统"), max_length=100, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("投稿单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="manuscripts",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("投稿人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="manuscripts",
    )
    submitted_at = models.DateTimeField(_("投稿时间"))
    status = models.CharField(_("状态"), max_length=12, choices=ManuscriptStatus.choices, default=ManuscriptStatus.SUBMITTED)
    reason = models.TextField(_("未录用原因"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审稿人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reviewed_manuscripts",
    )
    first_adopted_at = models.DateTimeField(_("首次录用时间"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="briefings_manuscript_title_not_empty"),
            models.CheckConstraint(
                condition=(Q(origin__in=[Origin.CITY, Origin.COUNTY]) & Q(region__isnull=False) & Q(sector=""))
                | (Q(origin=Origin.GENERAL) & Q(region__isnull=True) & Q(sector=""))
                | (Q(origin=Origin.SECTOR) & Q(region__isnull=True) & ~Q(sector="")),
                name="briefings_manuscript_region_matches_origin",
            ),
            models.CheckConstraint(
                condition=~Q(status=ManuscriptStatus.NOT_ADOPTED) | ~Q(reason=""),
                name="briefings_manuscript_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=ManuscriptStatus.ADOPTED, first_adopted_at__isnull=False)
                | (~Q(status=ManuscriptStatus.ADOPTED) & Q(first_adopted_at__isnull=True)),
                name="briefings_manuscript_adopted_has_first_adoption",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="briefings_ms_status_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def source_label(self) -> str:
        """The name the adoption report and the issue print for the piece's origin."""
        if self.origin in (Origin.CITY, Origin.COUNTY) and self.region_id:
            return self.region.name
        if self.origin == Origin.SECTOR:
            return self.sector
        return str(Origin(self.origin).label)

    @property
    def display_title(self) -> str:
        """The title as an issue prints it: "苏州市：…", unless the title already says so."""
        label = self.source_label
        return self.title if self.title.startswith(label) else f"{label}：{self.title}"


class Attachment(models.Model):
    """An image, PDF or Word file of a manuscript, checked by its content when uploaded."""

    manuscript = models.ForeignKey(Manuscript, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="briefings/attachments/%Y/%m/")
    kind = models.CharField(_("类型"), max_length=10, choices=AttachmentKind.choices)
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Briefing(models.Model):
    """One issue (期) of a briefing. A draft until a reviewer signs it off; once published, its
    ``snapshot`` and files are what was printed and never change."""

    title = models.CharField(_("刊名"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("期号"))
    date = models.DateField(_("日期"))
    issuer = models.CharField(_("编发单位"), max_length=100)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("主办地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="briefings"
    )
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.PROVINCIAL)
    status = models.CharField(_("状态"), max_length=12, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT)
    report_to = models.TextField(_("报"), blank=True)
    send_to = models.TextField(_("发"), blank=True)
    document_number = models.CharField(_("文号"), max_length=50, blank=True)
    print_run = models.PositiveIntegerField(_("印数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("编辑"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("签发人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("印发人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    snapshot = models.JSONField(_("印发内容"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("PDF 文件"), upload_to="briefings/issues/", blank=True, editable=False)
    docx = models.FileField(_("Word 文件"), upload_to="briefings/issues/", blank=True, editable=False)

    class Meta:
        verbose_name = _("简报")
        verbose_name_plural = _("简报")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="briefings_briefing_number_unique_in_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="briefings_briefing_number_gte_1"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="briefings_briefing_year_range"),
            models.CheckConstraint(condition=~Q(title=""), name="briefings_briefing_title_not_empty"),
            models.CheckConstraint(
                condition=Q(status=BriefingStatus.DRAFT)
                | Q(signed_off_by__isnull=False, signed_off_at__isnull=False),
                name="briefings_briefing_signed_off_by_someone",
            ),
            models.CheckConstraint(
                condition=~Q(status=BriefingStatus.PUBLISHED)
                | Q(published_at__isnull=False, snapshot__isnull=False),
                name="briefings_briefing_published_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}年第{self.number}期"

    @property
    def key(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == BriefingStatus.PUBLISHED


class Section(models.Model):
    """A section of an issue (工作交流, 用稿通报 ...), printed in ``position`` order."""

    briefing = models.ForeignKey(Briefing, verbose_name=_("简报"), on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("栏目"), max_length=50)
    kind = models.CharField(_("类型"), max_length=20, choices=SectionKind.choices, default=SectionKind.ARTICLES)
    position = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["briefing", "position"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "position"], name="briefings_section_position_unique"),
            models.UniqueConstraint(fields=["briefing", "title"], name="briefings_section_title_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="briefings_section_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title


class Adoption(models.Model):
    """A piece adopted (录用) at a level: into an issue's section at a position, or by a higher
    level's outlet outside this platform (then ``outlet`` names it and there is no issue)."""

    manuscript = models.ForeignKey(Manuscript, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="adoptions")
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    briefing = models.ForeignKey(
        Briefing, verbose_name=_("简报"), null=True, blank=True, on_delete=models.PROTECT, related_name="adoptions"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("栏目"), null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    position = models.PositiveSmallIntegerField(_("顺序"), null=True, blank=True)
    outlet = models.CharField(_("采用单位"), max_length=100, blank=True)
    adopted_at = models.DateTimeField(_("录用时间"))
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录用人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("录用记录")
        verbose_name_plural = _("录用记录")
        ordering = ["adopted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "manuscript"], name="briefings_adoption_once_per_issue"),
            models.UniqueConstraint(fields=["section", "position"], name="briefings_adoption_position_unique"),
            models.CheckConstraint(
                condition=Q(briefing__isnull=True, section__isnull=True, position__isnull=True) & ~Q(outlet="")
                | Q(briefing__isnull=False, section__isnull=False, position__isnull=False),
                name="briefings_adoption_placed_or_outlet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manuscript} @ {self.briefing or self.outlet}"


class LevelPoints(models.Model):
    """Points a piece earns its unit when adopted at a level (RULES.md §6 parameters)."""

    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, unique=True)
    points = models.DecimalField(_("每篇分值"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("用稿分值")
        verbose_name_plural = _("用稿分值")
        constraints = [models.CheckConstraint(condition=Q(points__gte=0), name="briefings_levelpoints_gte_0")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.points}"



