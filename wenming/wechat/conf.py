"""The official account's settings, read at call time so a test or an operator can change them."""

from dataclasses import dataclass

from django.conf import settings

WECHAT_API = "https://api.weixin.qq.com/"
WECHAT_OAUTH = "https://open.weixin.qq.com/connect/"
# The marker WeChat's built-in browser puts in its User-Agent.
WECHAT_BROWSER_MARK = "MicroMessenger"


@dataclass(frozen=True)
class Account:
    app_id: str
    app_secret: str
    token: str
    aes_key: str
    api_base: str

    @property
    def web_enabled(self) -> bool:
        """OAuth login and the JS-SDK need the app id and secret."""
        return bool(self.app_id and self.app_secret)

    @property
    def callback_enabled(self) -> bool:
        """The message callback needs the token the signature is made with."""
        return bool(self.token)


def account() -> Account:
    conf = getattr(settings, "WECHAT", {}) or {}
    base = conf.get("API_BASE_URL") or WECHAT_API
    return Account(
        app_id=conf.get("APP_ID", ""),
        app_secret=conf.get("APP_SECRET", ""),
        token=conf.get("TOKEN", ""),
        aes_key=conf.get("ENCODING_AES_KEY", ""),
        api_base=base if base.endswith("/") else base + "/",
    )


def in_wechat(request) -> bool:
    return WECHAT_BROWSER_MARK in request.headers.get("User-Agent", "")
