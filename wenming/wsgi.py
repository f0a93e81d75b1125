import gc
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
    app = Dispatcher(full, LeanHandler(paths), paths)
    # Everything loaded so far (Django, the URL tree, the catalogues: about 100,000 objects) lives
    # as long as the process. Left to the collector, each full collection walked all of it again:
    # a 65-80 ms pause, nine times a minute per worker under the vote benchmark, during which that
    # worker answered nothing. Frozen, they are never scanned again.
    gc.freeze()
    return app


application = _application()
