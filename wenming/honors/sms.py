"""Sending phone confirmation codes through a pluggable sender.

``settings.WENMING["SMS_SENDER"]`` names a class (dotted path) with ``send(phone, code) -> str``
returning what to tell the person. Without one, non-production uses ``ShownCodeSender`` (the code
is logged and shown on the page, so the demo and tests need no SMS provider); production refuses
to send until a real sender is configured.
"""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class ShownCodeSender:
    """Development only: the code is logged and returned for the page to show."""

    def send(self, phone: str, code: str) -> str:
        logger.warning("phone confirmation code for %s: %s", phone[-4:], code)
        return _("测试环境未接入短信服务，验证码为：%(code)s") % {"code": code}


def get_sender():
    path = settings.WENMING.get("SMS_SENDER", "")
    if path:
        return import_string(path)()
    if settings.PRODUCTION:
        raise ImproperlyConfigured(_("生产环境需要配置短信服务 (WENMING_SMS_SENDER)。"))
    return ShownCodeSender()
