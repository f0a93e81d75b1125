"""The one module that talks to wechatpy; the rest of the platform goes through ``wenming.wechat``.

Keeping the library behind this wall means an upgrade or a swap touches one file, and every
error the library raises arrives as one of our own exceptions.
"""

from wechatpy import WeChatClient, WeChatOAuth, create_reply, parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException, WeChatException
from wechatpy.utils import check_signature as _check_signature

from .conf import Account

# Seconds to wait for WeChat's servers: a stuck upstream must not hold a worker for long.
TIMEOUT = 5


class WechatError(Exception):
    """WeChat's servers refused or could not be reached."""


class TokenRejected(WechatError):
    """WeChat refused the access token (expired early or replaced): fetch a new one and retry."""


# invalid credential, invalid access token, expired access token
TOKEN_ERRCODES = frozenset({40001, 40014, 42001})


class BadSignature(Exception):
    """The message was not signed with our token."""


class BadMessage(Exception):
    """The message body could not be read."""


class _Client(WeChatClient):
    """wechatpy's client, but the access token comes from our shared cache, never its own."""

    def __init__(self, acct: Account, token_source):
        super().__init__(acct.app_id, acct.app_secret, timeout=TIMEOUT, auto_retry=False)
        self.API_BASE_URL = acct.api_base + "cgi-bin/"
        self._token_url = acct.api_base + "cgi-bin/token"
        self._token_source = token_source

    @property
    def access_token(self):
        return self._token_source()

    def fetch_access_token(self):
        return self._fetch_access_token(
            url=self._token_url,
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


def fetch_access_token(acct: Account) -> tuple[str, int]:
    """Ask WeChat for a fresh access token: (token, seconds it lives)."""
    try:
        result = _Client(acct, lambda: "").fetch_access_token()
    except (WeChatException, OSError, ValueError) as exc:
        raise WechatError(str(exc)) from exc
    return result["access_token"], int(result.get("expires_in", 7200))


def fetch_jsapi_ticket(acct: Account, access_token: str) -> tuple[str, int]:
    """Ask WeChat for a fresh JS-SDK ticket: (ticket, seconds it lives)."""
    try:
        result = _Client(acct, lambda: access_token).jsapi.get_ticket("jsapi")
    except WeChatException as exc:
        if getattr(exc, "errcode", None) in TOKEN_ERRCODES:
            raise TokenRejected(str(exc)) from exc
        raise WechatError(str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise WechatError(str(exc)) from exc
    return result["ticket"], int(result.get("expires_in", 7200))


def send_template(acct: Account, access_token: str, openid: str, template_id: str, data: dict, url: str = "") -> None:
    """Send a template message (a reminder) to one follower."""
    try:
        _Client(acct, lambda: access_token).message.send_template(openid, template_id, data, url=url or None)
    except WeChatException as exc:
        if getattr(exc, "errcode", None) in TOKEN_ERRCODES:
            raise TokenRejected(str(exc)) from exc
        raise WechatError(str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise WechatError(str(exc)) from exc


# Signing is pure computation; one shared API object avoids building a client per page.
_SIGNER = WeChatClient("", "").jsapi


def jsapi_signature(noncestr: str, ticket: str, timestamp, url: str) -> str:
    """The ``wx.config`` signature (SHA-1 of the sorted ``key=value`` pairs joined by ``&``)."""
    return _SIGNER.get_jsapi_signature(noncestr, ticket, timestamp, url)


def _oauth(acct: Account, redirect_uri: str = "", scope: str = "snsapi_base", state: str = "") -> WeChatOAuth:
    oauth = WeChatOAuth(acct.app_id, acct.app_secret, redirect_uri, scope=scope, state=state)
    oauth.API_BASE_URL = acct.api_base
    return oauth


def authorize_url(acct: Account, redirect_uri: str, scope: str, state: str) -> str:
    return _oauth(acct, redirect_uri, scope, state).authorize_url


def exchange_code(acct: Account, code: str) -> dict:
    """Trade the OAuth ``code`` for the person's openid (and unionid when the account has one)."""
    try:
        result = _oauth(acct).fetch_access_token(code)
    except (WeChatException, OSError, ValueError) as exc:
        raise WechatError(str(exc)) from exc
    if not result.get("openid"):
        raise WechatError("no openid in the OAuth answer")
    return result


def user_info(acct: Account, openid: str, access_token: str) -> dict:
    try:
        return _oauth(acct).get_user_info(openid=openid, access_token=access_token)
    except (WeChatException, OSError, ValueError) as exc:
        raise WechatError(str(exc)) from exc


def check_signature(token: str, signature: str, timestamp: str, nonce: str) -> None:
    try:
        _check_signature(token, signature, timestamp, nonce)
    except (InvalidSignatureException, TypeError, AttributeError) as exc:
        raise BadSignature from exc


def decrypt(acct: Account, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> str:
    """Open a safe-mode (AES) message; raises BadSignature or BadMessage."""
    try:
        crypto = WeChatCrypto(acct.token, acct.aes_key, acct.app_id)
    except Exception as exc:  # a malformed key is a configuration error, reported as such
        raise WechatError("bad EncodingAESKey") from exc
    try:
        return crypto.decrypt_message(body, msg_signature, timestamp, nonce)
    except InvalidSignatureException as exc:
        raise BadSignature from exc
    except Exception as exc:  # xmltodict / base64 / padding errors all mean "unreadable body"
        raise BadMessage(str(exc)) from exc


def encrypt(acct: Account, xml: str, nonce: str, timestamp: str) -> str:
    return WeChatCrypto(acct.token, acct.aes_key, acct.app_id).encrypt_message(xml, nonce, timestamp)


def parse(xml: str):
    """Read an inbound message into wechatpy's message object; raises BadMessage."""
    try:
        message = parse_message(xml)
        if message is None or not message.source:
            raise BadMessage("empty message")
        message.create_time  # noqa: B018  (a missing or bad CreateTime fails here, not later)
    except BadMessage:
        raise
    except Exception as exc:  # expat errors, missing MsgType...: the body is not a WeChat message
        raise BadMessage(str(exc)) from exc
    return message


def text_reply(text: str, message) -> str:
    """The passive text reply to ``message`` as XML."""
    return create_reply(text, message, render=True)
