from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeKind(models.TextChoices):
    POINTS = "points", _("积分制（如溧阳2017）")
    ITEMS = "items", _("分项计分（如洛阳2014）")


class Standard(models.TextChoices):
    """How an item of an itemised scheme (Luoyang 2014) is met."""

    QUARTERLY = "quarterly", _("每季度")
    HALF_YEARLY = "half_yearly", _("每半年")
    DEADLINE = "deadline", _("限期上报")
    PER_NOTICE = "per_notice", _("见通知")
    PER_PLAN = "per_plan", _("见实施方案")
    FIGURE = "figure", _("按平台数据")  # points × a share another app computes (assessment.figures)


# Standards whose occurrences are counted from reports; the others are scored by a reviewer.
COUNTED_STANDARDS = frozenset({Standard.QUARTERLY, Standard.HALF_YEARLY, Standard.DEADLINE})
OCCURRENCES = {Standard.QUARTERLY: 4, Standard.HALF_YEARLY: 2}


class MaterialSource(models.TextChoices):
    WEB = "web", _("页面上报")
    IMPORT = "import", _("导入")


# Event types this app adds to ``wenming import-events``.
EVENT_ENROLL = "enroll"
EVENT_REPORT = "report"
EVENT_QUALITY_SCORE = "quality_score"
EVENT_REPUBLISHED = "republished"
