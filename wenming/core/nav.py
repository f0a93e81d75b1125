"""Navigation gathered from the apps, so each domain adds its own entries without editing others.

An AppConfig may define ``home_tiles`` and ``me_links``: lists of (label, url name) pairs, and
``console_links`` for the staff console. Who may enter the console is the apps' to say too: the
app that owns permissions registers its check from ``AppConfig.ready()`` with
``register_console_check`` (core knows no roles).
"""

from collections.abc import Callable

from django.apps import apps
from django.urls import NoReverseMatch, reverse

_CONSOLE_CHECKS: dict[str, Callable] = {}


def _collect(attr: str) -> list[dict]:
    links = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, attr, []) or []:
            try:
                links.append({"label": label, "url": reverse(url_name)})
            except NoReverseMatch:
                continue
    return links


def home_tiles() -> list[dict]:
    return _collect("home_tiles")


def me_links() -> list[dict]:
    return _collect("me_links")


def console_links() -> list[dict]:
    return _collect("console_links")


def register_console_check(name: str, check: Callable) -> None:
    """``check(user) -> bool``: True when ``user`` has something to do in the staff console."""
    _CONSOLE_CHECKS[name] = check


def may_enter_console(user) -> bool:
    """Whether the home page offers ``user`` the way into the staff console."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(check(user) for check in _CONSOLE_CHECKS.values())
