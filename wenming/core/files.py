"""Serving uploaded files: signed, expiring links, streamed from Django's storage.

No folder of uploads is public, on disk or in a bucket. A page links a file through the ``file_url``
filter, which signs the file's storage name and an expiry time with the SECRET_KEY
(``django.core.signing``); ``/files/<token>/`` checks the signature and the expiry, asks the app that
owns a private file whether this viewer may see it, and streams the file from ``default_storage``
(the local disk or S3-compatible storage alike). docs/uploads.md tells the whole design.

Apps declare their private files by storage-name prefix in ``AppConfig.ready``::

    register_private("honors/evidence/", can_view_evidence)   # checker(user, name) -> bool
"""

import mimetypes
import posixpath
import time
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse

SALT = "wenming.core.files"
_PRIVATE: dict[str, Callable] = {}
# Types a browser may show in the page; everything else downloads (Content-Disposition: attachment).
INLINE_PREFIXES = ("image/",)


def register_private(prefix: str, checker: Callable) -> None:
    """Files whose storage name starts with ``prefix`` are shown only when ``checker(user, name)``."""
    _PRIVATE[prefix] = checker


def private_checker(name: str) -> Callable | None:
    for prefix, checker in _PRIVATE.items():
        if name.startswith(prefix):
            return checker
    return None


def _expiry(now: float) -> int:
    """Links expire between max_age and max_age + step from now, on a step boundary, so a page's
    links stay the same for a while and the browser's cache can serve them."""
    max_age = settings.WENMING["FILE_URL_MAX_AGE"]
    step = max(60, max_age // 6)
    return (int(now + max_age) // step + 1) * step


def signed_url(name: str, *, download_name: str = "", now: float | None = None) -> str:
    payload = {"n": name, "e": _expiry(time.time() if now is None else now)}
    if download_name:
        payload["d"] = download_name[:200]
    token = signing.Signer(salt=SALT).sign_object(payload, compress=True)
    return reverse("file", args=[token])


def _payload(token: str) -> tuple[str, int, str]:
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise Http404 from None
    if not isinstance(data, dict):
        raise Http404
    name, expires, download = data.get("n"), data.get("e"), data.get("d", "")
    if not isinstance(name, str) or not isinstance(expires, int) or not isinstance(download, str) or not name:
        raise Http404
    return name, expires, download


def serve(request, token: str):
    name, expires, download = _payload(token)
    if expires < time.time():
        raise Http404("链接已过期，请刷新页面")
    checker = private_checker(name)
    # A file the viewer may not see answers exactly like one that does not exist.
    if checker is not None and not checker(request.user, name):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type.startswith(INLINE_PREFIXES)
    filename = download or posixpath.basename(name)
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Even a file that slipped past the checks can run nothing in this origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    left = max(0, int(expires - time.time()))
    response["Cache-Control"] = f"private, max-age={min(left, 3600)}"
    return response
