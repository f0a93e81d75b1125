"""``wenming wechat-refresh``: refresh the access token and JS-SDK ticket ahead of expiry.

Run it from a timer every few minutes; requests then find a fresh value in the cache and never
fetch one themselves.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from wenming.core.periods import SHANGHAI
from wenming.wechat import credentials
from wenming.wechat.conf import account
from wenming.wechat.sdk import WechatError


class Command(BaseCommand):
    help = "刷新微信 access_token 与 jsapi_ticket（临近过期时）"

    def add_arguments(self, parser):
        parser.add_argument("--margin", type=int, default=credentials.REFRESH_MARGIN,
                            help="剩余有效期少于该秒数时刷新")

    def handle(self, *args, margin, **options):
        if not account().web_enabled:
            raise CommandError("微信公众号未配置（WECHAT_APP_ID / WECHAT_APP_SECRET）")
        try:
            expiry = credentials.refresh_all(margin=margin)
        except WechatError as exc:
            raise CommandError(f"微信接口调用失败：{exc}") from exc
        for name, at in expiry.items():
            self.stdout.write(f"{name}: {datetime.fromtimestamp(at, SHANGHAI):%Y-%m-%d %H:%M:%S}")
