"""The input guard: text no page can store or show is refused at the door with a 400.

A NUL byte or a lone UTF-16 surrogate has no business in a URL or a form. PostgreSQL refuses NUL in
text (the query fails, the page answers 500) and no UTF-8 encoder takes a lone surrogate, so one such
character anywhere in the path, a query parameter or a form field is answered here with a Chinese
message, before any view or database sees it. Forms still validate their own fields (lengths,
ranges, choices): this is the net under them, not a replacement.
"""

import re

from django.shortcuts import render
from django.utils.translation import gettext as _

# NUL, and the surrogate range (only ever "lone" in a decoded str: a valid pair decodes to one code point).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def has_unstorable(text: str) -> bool:
    return UNSTORABLE.search(text) is not None


def _bad_values(query) -> bool:
    for key, values in query.lists():
        if has_unstorable(key) or any(isinstance(v, str) and has_unstorable(v) for v in values):
            return True
    return False


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_unstorable(request.path_info) or _bad_values(request.GET) or (
            request.method == "POST" and _bad_values(request.POST)
        ):
            return render(
                request,
                "core/bad_input.html",
                {"message": _("请求中含有无法处理的字符（如空字符），请删除后重试。")},
                status=400,
            )
        return self.get_response(request)
