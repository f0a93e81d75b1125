"""No input reaches a 500: every URL pattern, every form and GET parameter, with hostile values.

The demo data gives every page real objects. Each persona walks the site from every URL pattern
(filled with real ids found in links, else with guesses), following links as a person would; each
page's forms are parsed from its HTML and submitted with hostile values: NUL, lone surrogates (sent
as the invalid UTF-8 a broken client sends), 30-digit numbers, negatives, 'abc' where numbers belong,
very long text, repeated keys, hostile files. Path parameters get hostile values too, and every
pattern gets a hostile JSON body. The test fails listing every request that answered 500, with its
exception. Python's own HTTP client never sends a lone surrogate in a str: those arrive only through
the bytes, as here.
"""

import json
import re
import time
from collections import defaultdict, deque

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse

from wenming.testing import crawl
from wenming.testing import files as testfiles

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "citizen1", "liaison01", "editor", "reviewer", "expert", "admin"]
# Requests that would end the persona's session or change the page language for the rest of the walk.
NO_POST = {"people:logout", "set_language"}
HOSTILE = {
    "nul": "a\x00b",
    "surrogate": "x\ud800y",
    "huge": "9" * 30,
    "negative": "-1",
    "abc": "abc",
    "long": "长" * 6000,
}
# A query string decodes invalid UTF-8 to U+FFFD, so a surrogate there is only a replacement character.
GET_HOSTILE = ["nul", "huge", "abc", "long"]
# GET parameters the views read, as the pages link them and more that a prober would try.
COMMON_GET = ["page", "month", "year", "category", "link", "next", "hours", "scheme", "region", "unit", "kind", "q", "status", "format"]
PATH_HOSTILE = {
    "int": ["9" * 30],
    "slug": ["a" * 300],
    "str": ["%00", "%E9%95%BF" * 300, "..%2F..%2Fetc"],
    "path": ["abc"],
    "re": [],
}
MAX_PER_VIEW = 1  # pages of one pattern crawled per persona (one story page is like another)
# Admin pages are Django's own; of them only the list and change pages are walked.
ADMIN_SKIP = re.compile(r"^admin:(.*_(delete|history)|logout|password_change.*|jsi18n|view_on_site|autocomplete)$")
# A guard against a runaway walk, in this process's CPU seconds (wall time depends on the machine's
# load, CPU time does not): the walk itself takes about a quarter of it.
BUDGET_SECONDS = 240


class Walk:
    def __init__(self, users):
        self.clients = {}
        for name in PERSONAS:
            client = Client(raise_request_exception=False)
            if name != "anonymous":
                client.force_login(users[name])
            self.clients[name] = client
        self.failures: list[str] = []
        self.pages: dict[tuple[str, str], str] = {}  # (persona, path) → html of 200 pages
        self.instances: dict[str, list[tuple[str, str]]] = defaultdict(list)  # view → [(persona, path)]
        self.kwargs: dict[str, dict] = {}  # view → kwargs of one real instance
        self.forms: dict[tuple, tuple[str, crawl.Form]] = {}
        self.get_names: dict[str, set[str]] = defaultdict(set)
        self.count = 0
        self.started = time.process_time()
        self._exception = None
        got_request_exception.connect(self._caught)

    def close(self):
        got_request_exception.disconnect(self._caught)

    def _caught(self, sender, request=None, **kwargs):
        import sys

        self._exception = sys.exc_info()[1]

    def send(self, persona, method, path, *, data=None, body=None, content_type=None, label=""):
        client = self.clients[persona]
        self._exception = None
        self.count += 1
        if method == "get":
            response = client.get(path)
        elif body is not None:
            response = client.generic("POST", path, body, content_type=content_type)
        else:
            response = client.post(path, data or {})
        # 503 is the deliberate answer of a service not configured here (WeChat); any other 5xx, or any
        # exception the handler turned into an error page, is a failure.
        if response.status_code >= 500 and (response.status_code != 503 or self._exception is not None):
            self.failures.append(f"{response.status_code} {persona} {method.upper()} {path[:160]} [{label}] {self._exception!r}"[:400])
        return response

    # ---------------------------------------------------------------- crawling

    def visit(self, persona, start):
        """Breadth first from ``start``: each page once, at most MAX_PER_VIEW pages per view."""
        queue = deque([start])
        while queue:
            self._page(persona, queue.popleft(), queue)

    def _page(self, persona, path, queue):
        view = crawl.resolve_name(path)
        if view is None:
            return
        name, kwargs = view
        seen = self.instances[name]
        if name == "people:logout" or ADMIN_SKIP.match(name) or (persona, path) in seen or sum(1 for p, _ in seen if p == persona) >= MAX_PER_VIEW:
            return
        seen.append((persona, path))
        response = self.send(persona, "get", path, label="crawl")
        if kwargs and response.status_code == 200:
            self.kwargs.setdefault(name, kwargs)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        html = response.content.decode("utf-8", "replace")
        self.pages[(persona, path)] = html
        page = crawl.parse_page(html, path)
        for form in page.forms:
            target = crawl.same_site_path(form.action, path)
            resolved = target and crawl.resolve_name(target)
            if not resolved:
                continue
            key = (resolved[0], form.method, tuple(form.names()))
            self.forms.setdefault(key, (persona, crawl.Form(target, form.method, form.enctype, form.fields, form.options)))
            if form.method == "get":
                self.get_names[resolved[0]].update(form.names())
        for href in page.links:
            target = crawl.same_site_path(href, path)
            if target is None:
                continue
            if "?" in target:
                resolved = crawl.resolve_name(target)
                if resolved:
                    self.get_names[resolved[0]].update(re.findall(r"[?&]([^=&]+)=", target))
            queue.append(target)

    def over_budget(self) -> bool:
        return time.process_time() - self.started > BUDGET_SECONDS


def _guess(kind: str, name: str) -> str:
    if kind == "int":
        return "1"
    if kind == "re":
        return {"slug": "liyang-2017", "month": "2017-04", "fmt": "xlsx", "pk": "1"}.get(name, "1")
    return {"kind": "story", "decision": "accept", "verb": "close", "slug": "liyang-2017", "token": "abc"}.get(name, "abc")


def _filled(pattern: crawl.Pattern, walk: Walk) -> str:
    real = walk.kwargs.get(pattern.name, {})
    return pattern.fill({name: real.get(name, _guess(kind, name)) for kind, name in pattern.params})


def _form_variants(form: crawl.Form):
    """(label, [(name, value)...], files) for one form."""
    defaults = []
    for name, kind, value in form.fields:
        if kind in ("checkbox", "radio") and not value:
            continue
        if kind == "select":
            options = [o for o in form.options.get(name, []) if o]
            value = options[0] if options else ""
        defaults.append((name, value))
    names = form.names()
    file_fields = [name for name, kind, _ in form.fields if kind == "file"]
    for label, value in HOSTILE.items():
        yield f"all={label}", [(n, value) for n in names if n not in file_fields], {}
    yield "repeated", [(n, v) for n in names for v in ("1", "abc")], {}
    # A view that refuses the first bad field never reads the next: numbers and choices one at a time.
    typed = [name for name, kind, _ in form.fields if kind in ("hidden", "number", "select", "radio", "date", "datetime-local")]
    for name in dict.fromkeys(typed):
        for label in ("abc", "huge"):
            yield f"{name}={label}", [(n, HOSTILE[label] if n == name else v) for n, v in defaults], {}
    for name in file_fields:
        for upload_name, data in (("clip.mp4", testfiles.HTML), ("huge.png", _bomb())):
            yield f"{name}<{upload_name}", [(n, v) for n, v in defaults if n != name], {name: (upload_name, data)}


_BOMB = []


def _bomb() -> bytes:
    if not _BOMB:
        from wenming.core.tests.test_uploads import _png_declaring

        _BOMB.append(_png_declaring(60_000, 60_000))
    return _BOMB[0]


def _submit(walk: Walk, persona: str, form: crawl.Form, label: str, pairs, uploads):
    if form.method == "get":
        query = crawl.form_body(pairs).decode()
        walk.send(persona, "get", f"{form.action.split('?')[0]}?{query}", label=label)
    elif uploads or form.enctype == "multipart/form-data":
        if any(isinstance(v, str) and re.search("[\ud800-\udfff]", v) for _, v in pairs):
            return  # multipart carries text as UTF-8 only; the urlencoded variant covers surrogates
        data = defaultdict(list)
        for name, value in pairs:
            data[name].append(value)
        for name, (upload_name, content) in uploads.items():
            data[name] = [SimpleUploadedFile(upload_name, content)]
        walk.send(persona, "post", form.action, data=dict(data), label=label)
    else:
        walk.send(
            persona, "post", form.action, body=crawl.form_body(pairs), content_type="application/x-www-form-urlencoded", label=label
        )


@pytest.fixture
def demo(tmp_path, settings):
    from wenming.core.demo import load_demo

    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    ctx = load_demo(password="demo-pass-123")
    return ctx


@pytest.fixture
def quiet_request_log():
    """Thousands of refused requests would each log a warning: only errors are of interest here."""
    import logging

    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def test_no_hostile_input_reaches_a_500(demo, quiet_request_log):
    from wenming.people.models import User

    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS)}
    assert set(PERSONAS) - {"anonymous"} <= set(users), "the demo's personas are missing"
    walk = Walk(users)
    patterns = crawl.url_patterns()
    site = [p for p in patterns if not p.route.startswith("admin/")]
    try:
        # 1. Crawl: every pattern as every persona, following links (real ids come from the links).
        for persona in PERSONAS:
            walk.visit(persona, "/")
            for pattern in site:
                walk.visit(persona, _filled(pattern, walk))
        walk.visit("admin", reverse("admin:index"))
        assert walk.pages, "no page answered 200"
        phases = {"crawl": walk.count}

        # 2. Hostile path parameters, as a citizen and as the admin.
        for pattern in site:
            real = {name: walk.kwargs.get(pattern.name, {}).get(name, _guess(kind, name)) for kind, name in pattern.params}
            for kind, name in pattern.params:
                for value in PATH_HOSTILE.get(kind, ["abc"]):
                    path = pattern.fill({**real, name: value})
                    walk.send("admin", "get", path, label=f"path {name}")
                    if pattern.name not in NO_POST:
                        walk.send("admin", "post", path, label=f"path {name}")
        phases["path"] = walk.count

        # 3. Hostile GET parameters on every page that answered 200, by the first persona to see it.
        first = {}
        for persona, path in walk.pages:
            view = crawl.resolve_name(path)[0]
            first.setdefault(view, (persona, path))
        for view, (persona, path) in first.items():
            names = sorted(walk.get_names[view] | set(COMMON_GET))
            base = path.split("?")[0]
            admin = view.startswith("admin:")
            for label in ["huge"] if admin else GET_HOSTILE:
                query = crawl.form_body([(n, HOSTILE[label]) for n in names]).decode()
                walk.send(persona, "get", f"{base}?{query}", label=f"get {label}")
            if not admin:
                query = crawl.form_body([(n, v) for n in names for v in ("1", "abc")]).decode()
                walk.send(persona, "get", f"{base}?{query}", label="get repeated")
        phases["get"] = walk.count

        # 4. Every form, as the persona who was shown it.
        for (view, _method, _names), (persona, form) in walk.forms.items():
            if view in NO_POST:
                continue
            for label, pairs, uploads in _form_variants(form):
                if view.startswith("admin:") and label not in ("all=huge", "all=long"):
                    continue
                _submit(walk, persona, form, label, pairs, uploads)
                assert not walk.over_budget(), f"the walk took over {BUDGET_SECONDS} CPU seconds after {walk.count} requests"

        phases["forms"] = walk.count

        # 5. A hostile JSON body to every pattern (the vote API and other JSON endpoints read these).
        keys = sorted({n for (_v, _m, names) in walk.forms for n in names} | {"candidate", "campaign", "url", "token"})
        for pattern in site:
            if pattern.name in NO_POST:
                continue
            path = _filled(pattern, walk)
            texts = {k: ("\ud800", "a\x00b")[i % 2] for i, k in enumerate(keys)}
            shapes = {k: (10**30, [[["x"]]], {"a": None})[i % 3] for i, k in enumerate(keys)}
            for label, value in (("text", texts), ("shapes", shapes)):
                body = json.dumps(value).encode()
                walk.send("citizen1", "post", path, body=body, content_type="application/json", label=f"json {label}")
        phases["json"] = walk.count
    finally:
        walk.close()
    print(f"{walk.count} requests, {len(walk.forms)} forms, {len(walk.pages)} pages; after each phase: {phases}")
    assert len(walk.forms) > 40, f"only {len(walk.forms)} distinct forms found: the crawl is not reaching the site"
    assert not walk.failures, f"{len(walk.failures)} of {walk.count} requests answered 500:\n" + "\n".join(walk.failures[:80])
