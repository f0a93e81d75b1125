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
