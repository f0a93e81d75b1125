from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WechatConfig(AppConfig):
    name = "wenming.wechat"
    label = "wechat"
    verbose_name = _("微信公众号")
