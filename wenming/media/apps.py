from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "wenming.media"
    label = "media"
    verbose_name = _("公众号与转载")
