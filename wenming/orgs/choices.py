from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（市、区）")
    TOWN = "town", _("镇（街道）")
    VILLAGE = "village", _("村（社区）")
    DEPARTMENT = "department", _("部门")
    COMPANY = "company", _("企业")
    OTHER = "other", _("其他单位")


# The five administrative levels, top first; a nomination climbs them in reverse.
REGION_LEVELS = [UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COUNTY, UnitKind.TOWN, UnitKind.VILLAGE]
REGION_KINDS = frozenset(REGION_LEVELS)


class TargetKind(models.TextChoices):
    NUMBER = "number", _("固定人数")
    FORMULA = "formula", _("人数或比例")


class Combinator(models.TextChoices):
    # RULES.md §1.1: "不少于50人或单位总人数的50%以上" read literally as OR.
    OR = "or", _("满足其一")
    AND = "and", _("同时满足")
