from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetcivilityConfig(AppConfig):
    name = "wenming.netcivility"
    label = "netcivility"
    verbose_name = _("网络文明")
    home_tiles = [(_("关注推广统计"), "netcivility:current")]
    console_links = [(_("关注推广统计"), "netcivility:console")]

    def load_demo(self, ctx):
        """An open county-level survey over the demo region; found before created (idempotent)."""
        from .demo import load

        load(ctx)
