"""A local stand-in for WeChat's API servers: tests never reach the real ones.

It answers the endpoints wechatpy calls for us: the access token, the JS-SDK ticket, and the
OAuth code exchange and user info, with WeChat's JSON shapes and error codes.
"""

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

APP_ID = "wx_test_app_id"
APP_SECRET = "test-app-secret"


class FakeWechat:
    def __init__(self):
        self.calls: Counter = Counter()
        self.codes: dict[str, dict] = {}
        self.tokens: list[str] = []
        self.revoked: set[str] = set()
        self.token_delay = 0.0
        self.expires_in = 7200
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address
        return f"http://{host}:{port}/"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def add_code(self, code: str, openid: str, *, unionid: str | None = None, scope: str = "snsapi_base",
                 nickname: str = "微信用户"):
        """What WeChat will answer when this one-time ``code`` is exchanged."""
        self.codes[code] = {"openid": openid, "unionid": unionid, "scope": scope, "nickname": nickname}

    # -- the endpoints ---------------------------------------------------------------------
    def answer(self, path: str, q: dict) -> dict:
        self.calls[path] += 1
        if path == "/cgi-bin/token":
            if q.get("appid") != APP_ID or q.get("secret") != APP_SECRET or q.get("grant_type") != "client_credential":
                return {"errcode": 40013, "errmsg": "invalid appid"}
            time.sleep(self.token_delay)
            with self._lock:
                token = f"ACCESS_TOKEN_{len(self.tokens) + 1}"
                self.tokens.append(token)
            return {"access_token": token, "expires_in": self.expires_in}
        if path == "/cgi-bin/ticket/getticket":
            token = q.get("access_token")
            if token not in self.tokens or token in self.revoked:
                return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
            return {"errcode": 0, "errmsg": "ok", "ticket": f"TICKET_FOR_{token}", "expires_in": self.expires_in}
        if path == "/sns/oauth2/access_token":
            if q.get("appid") != APP_ID or q.get("secret") != APP_SECRET:
                return {"errcode": 40013, "errmsg": "invalid appid"}
            grant = self.codes.pop(q.get("code", ""), None)  # a code works once, as at WeChat
            if grant is None:
                return {"errcode": 40029, "errmsg": "invalid code"}
            result = {"access_token": f"WEB_{grant['openid']}", "expires_in": 7200, "refresh_token": "R",
                      "openid": grant["openid"], "scope": grant["scope"]}
            if grant["unionid"]:
                result["unionid"] = grant["unionid"]
            self.codes[f"__web__{grant['openid']}"] = grant
            return result
        if path == "/sns/userinfo":
            grant = self.codes.get(f"__web__{q.get('openid')}")
            if grant is None or q.get("access_token") != f"WEB_{q.get('openid')}":
                return {"errcode": 40003, "errmsg": "invalid openid"}
            return {"openid": grant["openid"], "nickname": grant["nickname"], "sex": 0, "headimgurl": ""}
        return {"errcode": 404, "errmsg": f"unknown endpoint {path}"}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parsed = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                body = json.dumps(fake.answer(parsed.path, query), ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
