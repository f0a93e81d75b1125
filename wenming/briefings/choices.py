"""Constants of the briefings domain: states, levels, origins, and the state table they obey."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ManuscriptStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已投稿")
    IN_REVIEW = "in_review", _("审稿中")
    ADOPTED = "adopted", _("已录用")
    NOT_ADOPTED = "not_adopted", _("未录用")


# The state table: which state may follow which. Adopting again at a higher level keeps ADOPTED;
# a piece not adopted may be reviewed again (the submitter revised it, or an editor changed their mind).
MANUSCRIPT_TRANSITIONS: dict[str, frozenset[str]] = {
    ManuscriptStatus.SUBMITTED: frozenset({ManuscriptStatus.IN_REVIEW, ManuscriptStatus.ADOPTED, ManuscriptStatus.NOT_ADOPTED}),
    ManuscriptStatus.IN_REVIEW: frozenset({ManuscriptStatus.ADOPTED, ManuscriptStatus.NOT_ADOPTED}),
    ManuscriptStatus.NOT_ADOPTED: frozenset({ManuscriptStatus.IN_REVIEW}),
    ManuscriptStatus.ADOPTED: frozenset({ManuscriptStatus.ADOPTED}),
}


class Origin(models.TextChoices):
    """Where a piece comes from, as the adoption report groups it (RULES.md §6)."""

    CITY = "city", _("市本级")
    COUNTY = "county", _("县（市、区）")
    GENERAL = "general", _("综合稿件")
    SECTOR = "sector", _("文明行业")


class Level(models.TextChoices):
    """The level of the office whose briefing adopted a piece; higher levels score more."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


# Higher number = higher level: a piece may be adopted again only by a strictly higher level.
LEVEL_RANK = {Level.COUNTY: 1, Level.CITY: 2, Level.PROVINCIAL: 3, Level.NATIONAL: 4}
# RULES.md §6 defaults; the office's own figures are rows of ``LevelPoints`` (data, not code).
DEFAULT_LEVEL_POINTS = {
    Level.NATIONAL: Decimal(50),
    Level.PROVINCIAL: Decimal(20),
    Level.CITY: Decimal(10),
    Level.COUNTY: Decimal(5),
}


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SIGNED_OFF = "signed_off", _("已签发")
    PUBLISHED = "published", _("已印发")


BRIEFING_TRANSITIONS: dict[str, frozenset[str]] = {
    BriefingStatus.DRAFT: frozenset({BriefingStatus.SIGNED_OFF}),
    # Any edit after the sign-off sends the issue back to draft: the reviewer signs what is printed.
    BriefingStatus.SIGNED_OFF: frozenset({BriefingStatus.PUBLISHED, BriefingStatus.DRAFT}),
    BriefingStatus.PUBLISHED: frozenset(),
}


class SectionKind(models.TextChoices):
    ARTICLES = "articles", _("稿件")
    ADOPTION_REPORT = "adoption_report", _("用稿通报")


# The sections a new issue starts with, in order (seed 004); an editor adds others.
DEFAULT_SECTIONS = [(_("工作交流"), SectionKind.ARTICLES), (_("用稿通报"), SectionKind.ADOPTION_REPORT)]

DEFAULT_TITLE = "江苏精神文明建设简报"
DEFAULT_ISSUER = "江苏省文明办"
DEFAULT_DOC_PREFIX = "苏简字"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("图片")
    PDF = "pdf", _("PDF 文档")
    DOCX = "docx", _("Word 文档")


ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_PIECE = 10

# Rich text a manuscript body may keep; everything else (scripts, styles, event handlers) is removed.
ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "ul", "ol", "li", "blockquote", "a", "img"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

EVENT_SUBMITTED = "manuscript_submitted"
EVENT_ADOPTED = "manuscript_adopted"
EVENT_PUBLISHED = "briefing_published"
IMPORT_MANUSCRIPT = "manuscript"
IMPORT_ADOPTED = "adopted"

GENERAL_ROW = "综合稿件"
TOTAL_ROW = "合计"
