"""``wenming load-demo``: every app's demo rows, loaded in an order that does not depend on luck.

Each app owns its demo rows. The loader runs three stages, and in each stage the apps in
``INSTALLED_APPS`` order (lower apps first):

1. ``load_demo_region(ctx)``: the demo region (assessment loads the Liyang 2017 scheme, whose
   unit tree, targets and work group the other apps build on) and sets ``ctx.region``;
2. ``load_demo_staff(ctx)``: the staff accounts, their roles and appointments;
3. ``load_demo(ctx)``: everything else (citizens, their stories, votes, points...). A new app
   usually needs only this one.

An app's hook is its ``AppConfig`` method of that name if it has one, else the function of that
name in ``<app>/demo.py`` (discovered as ``import-events`` discovers ``event_types.py``). Core
imports no app: what the hooks build travels in the ``DemoContext``.

Idempotent: every row is found before it is created, so a second run changes nothing. Passwords
are random, generated on the first run and written to a file beside the database; nothing here
is a fixed credential.
"""

import secrets
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import module_has_submodule

STAGES = ("load_demo_region", "load_demo_staff", "load_demo")


@dataclass
class DemoContext:
    """What the demo has built so far, handed to every hook in turn."""

    password: str
    # The demo region (an ``orgs.Unit``) and the scheme that defined it, once the region stage ran.
    region: object = None
    scheme: object = None
    # The named demo accounts by username, and the usernames this run created.
    users: dict = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    # One hash shared by every demo account: hashing 60+ times would take most of a minute.
    password_hash: str = ""

    def __post_init__(self) -> None:
        if not self.password_hash:
            self.password_hash = make_password(self.password)


def _password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-passwords.txt"


def _demo_password() -> tuple[str, bool]:
    path = _password_file()
    if path.exists():
        return path.read_text(encoding="utf-8").split("=", 1)[1].strip(), False
    return "wm-" + secrets.token_urlsafe(9), True


def _discoverable(config) -> bool:
    """A project app (not Django's, not a library's) with a ``demo`` module; core's own is this one."""
    project = __name__.split(".")[0]
    return (
        config.name.split(".")[0] == project
        and f"{config.name}.demo" != __name__
        and module_has_submodule(config.module, "demo")
    )


def demo_hooks(stage: str) -> list:
    """The callables of ``stage``, one per app that has one, in ``INSTALLED_APPS`` order."""
    if stage not in STAGES:
        raise ValueError(f"unknown demo stage {stage!r}")
    hooks = []
    for config in apps.get_app_configs():
        hook = getattr(config, stage, None)
        if not callable(hook) and _discoverable(config):
            hook = getattr(import_module(f"{config.name}.demo"), stage, None)
        if callable(hook):
            hooks.append(hook)
    return hooks


@transaction.atomic
def load_demo(*, password: str | None = None) -> DemoContext:
    pw, fresh = (password, False) if password else _demo_password()
    ctx = DemoContext(password=pw)
    for stage in STAGES:
        for hook in demo_hooks(stage):
            hook(ctx)
    if fresh:
        path = _password_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"password={pw}\n", encoding="utf-8")
    return ctx
