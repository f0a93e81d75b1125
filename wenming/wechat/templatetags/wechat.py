"""``{% wechat_share obj title %}``: the JS-SDK config and share reporting for a shareable page."""

from django import template

from ..conf import account, in_wechat
from ..sdk import WechatError
from ..services import JSSDK_SCRIPT, jssdk_config, share_token

register = template.Library()


@register.inclusion_tag("wechat/share.html", takes_context=True)
def wechat_share(context, target, title="", desc=""):
    """Renders nothing outside WeChat, when the account is off, or for anonymous visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not account().web_enabled or not in_wechat(request) or not user.is_authenticated:
        return {"config": None}
    try:
        config = jssdk_config(request.build_absolute_uri())
    except WechatError:
        # WeChat unreachable: the page still works, it just cannot report shares.
        return {"config": None}
    config.update({
        "title": str(title),
        "desc": str(desc),
        "link": request.build_absolute_uri(),
        "token": share_token(user, target),
    })
    return {"config": config, "script": JSSDK_SCRIPT}
