"""Navigation gathered from the apps, so each domain adds its own entries without editing others.

An AppConfig may define ``home_tiles`` and ``me_links``: lists of (label, url name) pairs, and
``console_links`` for the staff console.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse


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
