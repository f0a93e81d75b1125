from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "wenming.media"
    label = "media"
    verbose_name = _("公众号文章")

    home_tiles = [(_("公众号文章"), "media:articles")]

    def ready(self):
        from wenming.participation.queries import register_target

        from . import receivers  # noqa: F401 (connects the event receiver)
        from .models import Article

        register_target("article", Article)
