"""One-time SMS codes: making them, keeping only their hash, and the throttles around them.

Phone confirmation (honors) uses this now; an SMS login would use the same pieces: a six-digit
code bound to a purpose, a subject and a phone by an HMAC (only the hash is stored), and cache
throttles on sending and on checking, each per phone and per client address, so neither one
phone nor one address can ask for codes or guess them at speed.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .throttle import Throttle

CODE_DIGITS = 6

# Sending: one per phone a minute and five an hour; twenty an hour from one address.
SEND_PER_PHONE_MINUTE = Throttle("sms-send-phone-1m", 1, 60)
SEND_PER_PHONE_HOUR = Throttle("sms-send-phone-1h", 5, 3600)
SEND_PER_ADDRESS_HOUR = Throttle("sms-send-ip-1h", 20, 3600)
# Checking: wrong codes per phone and per address in an hour (each code also allows only a few).
CHECK_FAILURES_PER_PHONE = Throttle("sms-check-phone-1h", 10, 3600)
CHECK_FAILURES_PER_ADDRESS = Throttle("sms-check-ip-1h", 30, 3600)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(purpose: str, subject, phone: str, code: str) -> str:
    message = f"{purpose}:{subject}:{phone}:{code.strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def codes_match(stored_hash: str, purpose: str, subject, phone: str, code: str) -> bool:
    return hmac.compare_digest(stored_hash, code_hash(purpose, subject, phone, code))


def allow_send(phone: str, address: str | None) -> None:
    """Count one code sent to ``phone`` from ``address``; refuses (ValidationError) past a limit."""
    if SEND_PER_PHONE_MINUTE.exceeded(phone):
        raise ValidationError(_("验证码已发送，请一分钟后再试。"))
    if SEND_PER_PHONE_HOUR.exceeded(phone) or SEND_PER_ADDRESS_HOUR.exceeded(address):
        raise ValidationError(_("获取验证码过于频繁，请一小时后再试。"))
    for throttle, subject in (
        (SEND_PER_PHONE_MINUTE, phone),
        (SEND_PER_PHONE_HOUR, phone),
        (SEND_PER_ADDRESS_HOUR, address),
    ):
        throttle.hit(subject)


def allow_check(phone: str, address: str | None) -> None:
    """Refuses (ValidationError) to check any code while this phone or address guessed too often."""
    if CHECK_FAILURES_PER_PHONE.exceeded(phone) or CHECK_FAILURES_PER_ADDRESS.exceeded(address):
        raise ValidationError(_("验证码错误次数过多，请一小时后再试。"))


def note_wrong_code(phone: str, address: str | None) -> None:
    CHECK_FAILURES_PER_PHONE.hit(phone)
    CHECK_FAILURES_PER_ADDRESS.hit(address)
