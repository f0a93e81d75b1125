from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeKind(models.TextChoices):
    POINTS = "points", _("积分制（如溧阳2017）")
    ITEMS = "items", _("分项计分（如洛阳2014）")
