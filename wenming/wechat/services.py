"""What other apps and the views ask of the official account: login links, replies, JS-SDK config."""

import secrets
import time
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from . import credentials, sdk
from .choices import DEFAULT_TEXTS, SURVEY_KEYWORD, ReplyKind, ReplySlot
from .conf import account, in_wechat
from .models import KeywordReply, ReplyText

# The JS-SDK is vendored (npm package weixin-js-sdk, MIT) and served with our static files:
# pages never load scripts from another host.
JSSDK_SCRIPT = "wechat/jweixin-1.6.5.js"


def login_url_for(request) -> str | None:
    """The WeChat login link for the login page: only inside WeChat and when the account is set."""
    if not account().web_enabled or not in_wechat(request):
        return None
    query = {"next": request.GET.get("next", "")} if request.GET.get("next") else {}
    return reverse("wechat:oauth_start") + ("?" + urlencode(query) if query else "")


def send_template_message(openid: str, template_id: str, data: dict, url: str = "") -> None:
    """A template message to one follower with the shared access token; raises ``sdk.WechatError``."""
    sdk.send_template(account(), credentials.access_token.get(), openid, template_id, data, url=url)


def oauth_login_url(next_path: str) -> str:
    """Where to send a WeChat visitor who must be identified before ``next_path``."""
    return reverse("wechat:oauth_start") + "?" + urlencode({"next": next_path})


def absolute(request, link: str) -> str:
    """A reply link as a full address: site paths are completed with the host WeChat called."""
    return request.build_absolute_uri(link) if link.startswith("/") else link


def fixed_text(slot: str) -> str:
    row = ReplyText.objects.filter(slot=slot).first()
    return row.text if row else str(DEFAULT_TEXTS[slot])


def _with_link(text: str, url: str, label: str) -> str:
    # WeChat renders <a> in text replies; the address is ours or staff-entered, quotes stripped.
    return f'{text}\n<a href="{url.replace(chr(34), "")}">{label}</a>'


def reply_for(message, request) -> tuple[str | None, str]:
    """(reply text or None for no reply, the keyword matched) for an inbound message."""
    if message.type == "event":
        if message.event == "subscribe":
            url = request.build_absolute_uri(reverse("people:choose_group"))
            return _with_link(fixed_text(ReplySlot.WELCOME), url, _("进入我的社群")), ""
        return None, ""
    if message.type != "text":
        return fixed_text(ReplySlot.DEFAULT), ""
    content = (message.content or "").strip()
    rule = KeywordReply.objects.filter(keyword=content, is_active=True).first()
    if rule is None:
        return fixed_text(ReplySlot.DEFAULT), ""
    if rule.kind == ReplyKind.LINK:
        label = _("参与统计") if rule.keyword == SURVEY_KEYWORD else _("点击打开")
        return _with_link(rule.text, absolute(request, rule.link), label), rule.keyword
    return rule.text, rule.keyword


def jssdk_config(url: str) -> dict | None:
    """``wx.config`` parameters for the page at ``url`` (without its #fragment), or None when off."""
    acct = account()
    if not acct.web_enabled:
        return None
    url = url.split("#", 1)[0]
    noncestr = secrets.token_hex(8)
    timestamp = int(time.time())
    ticket = credentials.jsapi_ticket.get()
    return {
        "appId": acct.app_id,
        "timestamp": timestamp,
        "nonceStr": noncestr,
        "signature": sdk.jsapi_signature(noncestr, ticket, timestamp, url),
    }


SHARE_SALT = "wenming.wechat.share"
# A page left open longer than a day asks for a fresh token by being reloaded.
SHARE_TOKEN_MAX_AGE = 24 * 3600


class BadShareToken(Exception):
    pass


def share_token(person, target) -> str:
    """A signed token naming the shared object and the viewer; the share callback trusts only it.

    The random part makes each page view's share a distinct, idempotent act for participation.
    """
    from django.core import signing

    return signing.dumps(
        {"m": target._meta.label_lower, "pk": target.pk, "u": person.pk, "n": secrets.token_hex(8)}, salt=SHARE_SALT
    )


def read_share_token(token: str, person):
    """(target, nonce) from a token this person was given; raises BadShareToken otherwise."""
    from django.apps import apps
    from django.core import signing
    from django.core.exceptions import ObjectDoesNotExist

    try:
        data = signing.loads(token, salt=SHARE_SALT, max_age=SHARE_TOKEN_MAX_AGE)
        model = apps.get_model(data["m"])
        if data["u"] != person.pk:
            raise BadShareToken("token of another person")
        return model._default_manager.get(pk=data["pk"]), data["n"]
    except BadShareToken:
        raise
    except (signing.BadSignature, ObjectDoesNotExist, LookupError, KeyError, TypeError, ValueError) as exc:
        # ObjectDoesNotExist: the object was deleted since the page was shown.
        raise BadShareToken(str(exc)) from exc
