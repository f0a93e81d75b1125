import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenming.settings")


def _warm_up() -> None:
    """Import every URLconf and view module now, in each app server process as it starts.

    Django imports them on the first request; under a popular vote that first request in every
    worker waited seconds behind the imports while the others queued behind it.
    """
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils.translation import trans_real

    get_resolver().url_patterns  # noqa: B018 - the property imports the whole URL tree
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)  # reads the compiled catalogues once


def _application():
    from wenming.core.handlers import Dispatcher, LeanHandler, lean_paths

    full = get_wsgi_application()
    _warm_up()
    paths = lean_paths()
    return Dispatcher(full, LeanHandler(paths), paths)


application = _application()
