from django.db import models
from django.utils.translation import gettext_lazy as _


class EventSource(models.TextChoices):
    WEB = "web", _("平台操作")
    IMPORT = "import", _("文件导入")
    SYSTEM = "system", _("系统")
