"""Constants of the points domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    RULE = "rule", _("规则积分")
    ADJUSTMENT = "adjustment", _("人工调整")
    REDEMPTION = "redemption", _("积分兑换")


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("待发放")
    FULFILLED = "fulfilled", _("已发放")
    CANCELLED = "cancelled", _("已取消")


# The rule id written on manual adjustments and redemption entries (not part of any rule set).
ADJUSTMENT_RULE = "adjust"
REDEMPTION_RULE = "redeem"

# Person acts of rule 2/3 and the events that take one back (the key of the taken-back act in data).
TAKE_BACKS = {"like_removed": ("like", "like_event"), "comment_invalidated": ("comment_valid", "comment_event")}
