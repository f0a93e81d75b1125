"""The login backend that counts failures and refuses locked-out accounts and addresses."""

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' check, for every authentication that comes with a request.

    Every login form (ours, the admin's) passes the request. An authentication without one (a
    management command, the test client's ``login``) has no address to count against and is
    handed on to the model backend unchecked instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def attempted_username(request, credentials=None) -> str:
    """The name a login attempt is counted under (django-axes): what was typed, cut to an account
    name's length, so a megabyte "username" neither fails the attempt's 255-character column (a 500 on
    PostgreSQL) nor escapes counting."""
    from django.contrib.auth import get_user_model

    limit = get_user_model()._meta.get_field("username").max_length
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    return str(typed or "")[:limit]
