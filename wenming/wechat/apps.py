from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WechatConfig(AppConfig):
    name = "wenming.wechat"
    label = "wechat"
    verbose_name = _("微信公众号")
    console_links = [(_("公众号回复"), "wechat:console")]

    def load_demo(self, ctx):
        """The 考核 keyword reply; found before it is created, so a second run changes nothing."""
        from .defaults import ensure_survey_keyword
        from .models import KeywordReply

        ensure_survey_keyword(KeywordReply)
