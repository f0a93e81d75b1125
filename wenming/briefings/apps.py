from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "wenming.briefings"
    label = "briefings"
    verbose_name = _("简报与用稿")
    me_links = [(_("我的投稿"), "briefings:mine"), (_("本单位用稿情况"), "briefings:my_unit")]
    console_links = [(_("稿件与简报"), "briefings:console")]

    def load_demo(self, ctx):
        from .demo import load_demo

        load_demo(ctx)
