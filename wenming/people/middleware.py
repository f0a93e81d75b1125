"""Sends a person who still owes a second factor to the page that asks for it."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor


def _reverse(name: str) -> str:
    # The project's URLconf by name: the lean vote handler routes its requests through a URLconf
    # of its own that carries no names.
    return reverse(name, urlconf=settings.ROOT_URLCONF)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open = None

    def open_paths(self) -> tuple[str, ...]:
        """Pages a half-logged-in person may still reach: the two steps, logging out, static files."""
        if self._open is None:
            self._open = (
                _reverse("people:otp_verify"),
                _reverse("people:otp_enrol"),
                _reverse("people:logout"),
                _reverse("csp_report"),
                "/i18n/",
                settings.STATIC_URL,
            )
        return self._open

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            step = session.get(second_factor.SESSION_KEY)
            if step is None:  # a session from before second factors existed: decide once
                step = session[second_factor.SESSION_KEY] = second_factor.step_for(request.user)
            if step != second_factor.DONE and not request.path_info.startswith(self.open_paths()):
                target = _reverse("people:otp_verify" if step == second_factor.VERIFY else "people:otp_enrol")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
