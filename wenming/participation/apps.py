from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "wenming.participation"
    label = "participation"
    verbose_name = _("群众参与")

    home_tiles = [
        (_("i分享"), "participation:story_new"),
        (_("i牵手"), "participation:lead_new"),
        (_("好人好事"), "participation:feed"),
    ]
    me_links = [(_("我的参与"), "participation:me")]
    console_links = [(_("内容审核"), "participation:queue"), (_("参与统计"), "participation:counts")]

    def load_demo(self, ctx):
        from .demo import load_demo

        load_demo(ctx)
