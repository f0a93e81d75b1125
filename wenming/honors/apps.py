from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonorsConfig(AppConfig):
    name = "wenming.honors"
    label = "honors"
    verbose_name = _("好人评选")
    home_tiles = [(_("好人评选"), "honors:campaigns")]
    me_links = [
        (_("我的推荐"), "honors:mine"),
        (_("验证手机号"), "honors:phone"),
        (_("我的评审"), "honors:expert_rounds"),
    ]
    console_links = [(_("好人评选"), "honors:console")]
    # Served by the lean WSGI handler (core.handlers): the popular vote's JSON endpoint.
    lean_urls = ["honors:api_vote"]

    def load_demo(self, ctx):
        from .demo import load_demo

        load_demo(ctx)

    def ready(self) -> None:
        from wenming.core.files import register_private

        from .files import can_view_evidence

        # Served only to those who may see it, even with a valid link.
        register_private("honors/evidence/", can_view_evidence)
