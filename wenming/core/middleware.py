"""Site-wide middleware: the Chinese-first language choice and the Content-Security-Policy.

Chinese first: the page language is Chinese unless the person chose another one. Django's
LocaleMiddleware follows the browser's Accept-Language, which would show English to anyone whose
phone is set to English. The platform's users and staff work in Chinese; English is offered
through the language switch (a cookie), so only that choice changes the language.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

ADMIN_PREFIX = "/admin/"


class ChineseFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with one allowance for the Django admin.

    The admin's change list writes one small inline ``<style>`` block; its pages alone may use
    inline styles. Scripts stay ``'self'`` everywhere, the admin included.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = {"style-src": [SELF, UNSAFE_INLINE]}
        return parts
