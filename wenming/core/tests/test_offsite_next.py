"""No view sends the browser off the site when handed an off-site ``next``.

Every URL pattern of the resolver (the admin's included) is reached with the demo data set:
each argument is filled with real values (the first rows of the app's models, the slugs its
routes take), and every resulting path is sent an off-site ``next`` as a GET parameter and as a
POST field, by an anonymous visitor, a citizen and an editor (the admin's pages by the admin;
the standard pages of the ModelAdmins for one model of each app, see ``sampled_out``). Whatever answers with
a Location must stay on this site.
"""

import itertools
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from wenming.core.demo import load_demo
from wenming.testing.factories import TEST_PASSWORD

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "https:evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "https://testserver@evil.example/",
]
# Off-site Locations that are the point of a view, never taken from the request (WeChat's
# consent page for the OAuth login).
OWN_OFF_SITE = {"open.weixin.qq.com"}
PERSONAS = [None, "citizen1", "editor"]
MAX_PATHS_PER_PATTERN = 6
MODEL_ADMIN_VIEWS = ("_changelist", "_add", "_change", "_delete", "_history")


def leaves_site(location: str) -> bool:
    """Where the browser goes: another host, a scheme-relative or backslashed path, a script URL.
    (A next carried along inside the query of a path of ours, as the login page does, stays.)"""
    parts = urlsplit(location)
    if location.startswith(("//", "/\\", "\\")) or (parts.scheme and parts.scheme not in ("http", "https")):
        return True
    return bool(parts.netloc) and parts.netloc not in ("testserver", *OWN_OFF_SITE)


def patterns(resolver=None, namespace=""):
    """(namespaced name, argument names) of every named pattern in the resolver."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            outer = list(entry.pattern.regex.groupindex)
            for name, args in patterns(entry, inner):
                yield name, outer + args
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


def first_pks(models, count=2) -> list:
    values = []
    for model in models:
        values += list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:count])
    return list(dict.fromkeys(values))


def admin_model(name: str):
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model
    return None


def sampled_out(name: str) -> bool:
    """The standard pages of a ModelAdmin are the same code for every model (none of ours
    overrides how they redirect): they are sent for the first model of each app, not for all."""
    model = admin_model(name)
    if model is None or not name.endswith(MODEL_ADMIN_VIEWS):
        return False
    first = next(m for m in admin.site._registry if m._meta.app_label == model._meta.app_label)
    return model is not first


def words() -> list[str]:
    """The slugs and words the project's routes take."""
    from wenming.assessment.models import Scheme
    from wenming.participation.models import ShareLink
    from wenming.participation.queries import TARGETS

    vocabulary = [*TARGETS, "accept", "reject", "open", "close", "xlsx", "pdf", "2017-03"]
    vocabulary += list(Scheme.objects.values_list("slug", flat=True)[:2])
    vocabulary += list(ShareLink.objects.values_list("token", flat=True)[:1])
    return vocabulary


def candidate_paths(name: str, args: list[str], vocabulary: list[str]) -> list[str]:
    if not args:
        try:
            return [reverse(name)]
        except NoReverseMatch:
            return []
    model = admin_model(name) if name.startswith("admin:") else None
    if model is not None:
        numbers = first_pks([model], count=1)
    else:
        app = name.split(":")[0]
        models = [m for m in apps.get_models() if m._meta.app_label in (app, "orgs")]
        numbers = first_pks(models, count=1)
    if "kind" in args:
        return kind_paths(name, args)
    choices = []
    for arg in args:
        if arg == "app_label":
            choices.append([m._meta.app_label for m in [model] if m] or ["people"])
        elif arg == "month":
            choices.append(["2017-03"])
        elif arg in ("pk", "object_id") or arg.endswith("_id"):
            choices.append([str(n) for n in numbers])
        else:
            choices.append(vocabulary)
    paths = []
    for combo in itertools.product(*choices):
        try:
            paths.append(reverse(name, kwargs=dict(zip(args, combo, strict=True))))
        except NoReverseMatch:
            continue
        if len(paths) >= MAX_PATHS_PER_PATTERN:
            break
    return paths


def kind_paths(name: str, args: list[str]) -> list[str]:
    """Participation's routes name the kind of item and its pk: real pairs of both, pending ones
    first (the moderation queue decides on those)."""
    from wenming.participation.queries import TARGETS

    paths = []
    for kind, model in TARGETS.items():
        rows = model._default_manager.order_by("pk")
        if any(field.name == "status" for field in model._meta.fields) and rows.filter(status="pending").exists():
            rows = rows.filter(status="pending")
        for pk in rows.values_list("pk", flat=True)[:1]:
            for extra in ("accept", "reject"):
                kwargs = {"kind": kind, "pk": pk, "decision": extra}
                try:
                    paths.append(reverse(name, kwargs={k: kwargs[k] for k in args}))
                except (NoReverseMatch, KeyError):
                    continue
    return list(dict.fromkeys(paths))[:MAX_PATHS_PER_PATTERN]


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return load_demo(password="demo-pass-123")


def test_no_view_redirects_to_an_off_site_next(demo):
    vocabulary = words()
    clients = {}
    for username in [*PERSONAS, "admin"]:
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(demo.users[username])
        clients[username] = client
    leaks, redirected, sent = [], set(), 0
    login_url = reverse("people:login")
    hostile = itertools.cycle(HOSTILE)
    for name, args in patterns():
        if name in ("people:logout", "admin:logout"):
            continue  # logging out mid-sweep would hide every later page (logout is checked below)
        if sampled_out(name):
            continue
        who = ["admin"] if name.startswith("admin:") else PERSONAS
        for path in candidate_paths(name, args, vocabulary):
            for username in who:
                client = clients[username]
                evil = next(hostile)
                for method in ("GET", "POST"):
                    if method == "GET":
                        answer = client.get(f"{path}?{urlencode({'next': evil})}")
                    else:
                        answer = client.post(path, {"next": evil})
                    sent += 1
                    location = answer.headers.get("Location")
                    if location and username and not location.startswith((login_url, "/admin/login/")):
                        redirected.add(name)
                        if leaves_site(location):
                            leaks.append((method, path, username, evil, location))
                if username and "_auth_user_id" not in client.session:
                    client.force_login(demo.users[username])
    assert leaks == []
    # The sweep reached the views that take a next (not a vacuous pass).
    assert {"set_language", "participation:decide", "participation:like", "people:login"} <= redirected
    assert len(redirected) > 40 and sent > 1000


def test_login_with_the_right_password_ignores_an_off_site_next(personas):
    for evil in HOSTILE:
        client = Client()
        response = client.post(
            reverse("people:login"), {"username": "citizen", "password": TEST_PASSWORD, "next": evil}
        )
        assert response.status_code == 302
        assert not leaves_site(response["Location"]), evil


def test_login_keeps_a_next_on_this_site(personas):
    response = Client().post(
        reverse("people:login"), {"username": "citizen", "password": TEST_PASSWORD, "next": "/honors/"}
    )
    assert response["Location"] == "/honors/"


@pytest.mark.parametrize("evil", HOSTILE)
def test_logout_and_language_switch_ignore_an_off_site_next(personas, evil):
    client = Client()
    client.force_login(personas.citizen)
    switched = client.post(reverse("set_language"), {"language": "en", "next": evil})
    assert not leaves_site(switched["Location"])
    out = client.post(f"{reverse('people:logout')}?next={evil}", {"next": evil})
    assert out.status_code == 302 and not leaves_site(out["Location"])


@pytest.mark.parametrize("evil", HOSTILE)
def test_moderation_decision_ignores_an_off_site_next(personas, evil):
    from wenming.participation.tests.factories import StoryFactory

    story = StoryFactory(author=personas.citizen, unit=personas.town)
    client = Client()
    client.force_login(personas.editor)
    url = reverse("participation:decide", args=["story", story.pk, "accept"])
    response = client.post(url, {"next": evil})
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:queue")


def test_wechat_login_keeps_only_an_on_site_next(db, settings):
    settings.WECHAT = {**settings.WECHAT, "APP_ID": "wx-test", "APP_SECRET": "s"}
    client = Client()
    response = client.get(reverse("wechat:oauth_start"), {"next": "//evil.example/"})
    assert response.status_code == 302
    assert client.session["wechat_oauth"]["next"] == reverse("home")
    assert re.match(r"https://open\.weixin\.qq\.com/", response["Location"])
