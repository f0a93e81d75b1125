from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetcivilityConfig(AppConfig):
    name = "wenming.netcivility"
    label = "netcivility"
    verbose_name = _("网络文明")
    home_tiles = [(_("关注推广统计"), "netcivility:current")]
    me_links = [(_("我的工作提示"), "netcivility:my_prompts"), (_("我的网络文明记录"), "netcivility:my_record")]
    console_links = [
        (_("关注推广统计"), "netcivility:console"),
        (_("网络文明队伍"), "netcivility:roster"),
        (_("工作提示"), "netcivility:prompts"),
        (_("月度达标"), "netcivility:compliance"),
    ]

    def ready(self):
        from .figures import register

        register()

    def load_demo(self, ctx):
        """The demo survey, a county team with a prompt and posts; found before created (idempotent)."""
        from .demo import load

        load(ctx)
