"""The WSGI entry: Django's handler, and a leaner one for the few endpoints under popular load.

The popular vote sends hundreds of small JSON POSTs a second to one URL. Half the app server's
CPU for such a request went to the middleware stack around the view, most of which does nothing
for it: static files (WhiteNoise), flash messages, frame headers for pages, HTMX details. The
lean handler runs the same Django request cycle with those layers left out and every other one
kept, in the project's order: security headers, the session, the language, CSRF and
authentication all still apply (and CommonMiddleware, which gives the answer its
Content-Length so the server need not chunk it).
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

# Middleware that has nothing to do for a JSON POST to an exact path; everything else is kept.
LEAN_SKIPS = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",  # serves /static/ only
        "django.contrib.messages.middleware.MessageMiddleware",  # flash messages for pages
        "django.middleware.clickjacking.XFrameOptionsMiddleware",  # frames: a page concern
        "django_htmx.middleware.HtmxMiddleware",  # request.htmx for page fragments
    }
)


def lean_middleware() -> list[str]:
    return [path for path in settings.MIDDLEWARE if path not in LEAN_SKIPS]


class LeanURLConf:
    """The lean paths alone, each routed to the view the project's URLconf gives it: resolving
    them no longer walks every app's patterns first. Nothing on these paths reverses URLs (the
    names are not carried over), and Django puts the project's URLconf back after each request."""

    def __init__(self, paths):
        from django.urls import get_resolver, path

        self.urlpatterns = [path(p.lstrip("/"), get_resolver().resolve(p).func) for p in paths]


class LeanHandler(WSGIHandler):
    def __init__(self, paths=()):
        super().__init__()
        self.urlconf = LeanURLConf(paths) if paths else None

    def get_response(self, request):
        if self.urlconf is not None:
            request.urlconf = self.urlconf
        return super().get_response(request)

    def load_middleware(self, is_async=False):
        # BaseHandler builds its chain from settings.MIDDLEWARE; give it the shorter list for the
        # moment it takes (start-up, one thread), then put the setting back as it was.
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = lean_middleware()
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


class Dispatcher:
    """Send the lean paths (exact matches) to the lean handler and everything else to Django's."""

    def __init__(self, full, lean, lean_paths):
        self.full = full
        self.lean = lean
        self.lean_paths = frozenset(lean_paths)

    def __call__(self, environ, start_response):
        handler = self.lean if environ.get("PATH_INFO") in self.lean_paths else self.full
        return handler(environ, start_response)


def lean_paths() -> list[str]:
    """The paths the apps mark for the lean handler: each AppConfig's ``lean_urls`` (URL names)."""
    from django.apps import apps
    from django.urls import reverse

    return [reverse(name) for config in apps.get_app_configs() for name in getattr(config, "lean_urls", ())]
