"""Staff of one city never see or change another city's objects, on any staff URL.

The demo city (溧阳市 and its units, with stories, leads, livestreams, campaigns, nominations,
materials, surveys...) is walked by its own staff to find every staff page and form with the real ids
of its objects: a staff page is one its staff open (200) and a citizen cannot. Then the staff of a
second city (无锡市: an editor, a reviewer and a town liaison, ``make_second_city``) open each of
those pages and send each of those forms. A page must answer 403 or 404, or show none of the first
city's data (titles, names, unit names of its objects); a form must change nothing (no audit entry is
written in the outsider's name).
"""

import re
from collections import deque

import pytest
from django.test import Client

from wenming.testing import crawl
from wenming.testing.personas import make_second_city

pytestmark = pytest.mark.django_db

FIRST_CITY_STAFF = ["admin", "editor", "reviewer", "liaison01", "leader01"]
NOT_STAFF = ["citizen1"]
OUTSIDERS = ["editor", "reviewer", "liaison"]
SKIP = re.compile(r"^(people:logout|set_language|admin:.*|wechat:.*)$")
NETCIVILITY = "netcivility:"
MAX_PER_VIEW = 3


@pytest.fixture
def cities(tmp_path, settings):
    from wenming.core.demo import load_demo

    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    ctx = load_demo(password="demo-pass-123")
    return ctx, make_second_city()


def _secrets(region) -> set[str]:
    """Distinctive text of the first city's objects, as pages would show it."""
    from wenming.assessment.models import Material
    from wenming.honors.models import Campaign, Nomination
    from wenming.netcivility.models import FollowSurvey
    from wenming.orgs.models import Unit
    from wenming.participation.models import Lead, Livestream, Story

    found = set(Unit.objects.filter(path__startswith=region.path).exclude(pk=region.pk).values_list("name", flat=True))
    for model, field in (
        (Story, "title"),
        (Lead, "title"),
        (Livestream, "title"),
        (Nomination, "nominee_name"),
        (Campaign, "name"),
        (Material, "title"),
        (FollowSurvey, "title"),
    ):
        found |= set(model.objects.values_list(field, flat=True))
    return {s for s in found if s and len(s) >= 3}


class Crawler:
    def __init__(self, users):
        self.clients = {}
        for name, user in users.items():
            client = Client(raise_request_exception=False)
            client.force_login(user)
            self.clients[name] = client
        self.ok: dict[str, set[str]] = {}  # path → personas that got 200
        self.forms: dict[tuple, tuple[str, crawl.Form]] = {}
        self.views: dict[str, str] = {}

    def walk(self, persona, starts):
        seen_views: dict[str, int] = {}
        seen = set()
        queue = deque(starts)
        while queue:
            path = queue.popleft()
            resolved = crawl.resolve_name(path)
            if path in seen or resolved is None or SKIP.match(resolved[0]):
                continue
            seen.add(path)
            if seen_views.get(resolved[0], 0) >= MAX_PER_VIEW:
                continue
            seen_views[resolved[0]] = seen_views.get(resolved[0], 0) + 1
            response = self.clients[persona].get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            self.ok.setdefault(path, set()).add(persona)
            self.views[path] = resolved[0]
            page = crawl.parse_page(response.content.decode("utf-8", "replace"), path)
            for form in page.forms:
                target = crawl.same_site_path(form.action, path)
                view = target and crawl.resolve_name(target)
                if view and form.method == "post" and not SKIP.match(view[0]):
                    key = (target, tuple(form.names()))
                    self.forms.setdefault(key, (path, crawl.Form(target, "post", form.enctype, form.fields, form.options)))
            for href in page.links:
                target = crawl.same_site_path(href, path)
                if target:
                    queue.append(target)


def _staff_pages_and_forms(ctx):
    from django.urls import reverse

    from wenming.people.models import User

    users = {u.username: u for u in User.objects.filter(username__in=FIRST_CITY_STAFF + NOT_STAFF)}
    crawler = Crawler(users)
    starts = [reverse("home"), reverse("console")]
    starts += [p.fill({}) for p in crawl.url_patterns() if not p.params and not p.route.startswith("admin/")]
    for persona in FIRST_CITY_STAFF + NOT_STAFF:
        crawler.walk(persona, starts)
    # A staff page is one a citizen cannot open (public pages such as notices show every city).
    citizen = crawler.clients["citizen1"]
    public = {path for path, who in crawler.ok.items() if "citizen1" in who or citizen.get(path).status_code == 200}
    staff_pages = sorted(set(crawler.ok) - public)
    staff_forms = [(path, form) for (_target, _names), (path, form) in crawler.forms.items() if path in staff_pages]
    return crawler, staff_pages, staff_forms


def _defaults(form: crawl.Form) -> list[tuple[str, str]]:
    pairs = []
    for name, kind, value in form.fields:
        if kind in ("checkbox", "radio") and not value:
            continue
        if kind == "file":
            continue
        if kind == "select":
            options = [o for o in form.options.get(name, []) if o]
            value = options[0] if options else ""
        pairs.append((name, value or "1"))
    return pairs


def _existing_max_pks() -> dict[str, int]:
    """The highest pk of every model now: an audit entry naming a pk at or below it touched an
    object that existed before the outsiders came (the first city's), not one they just made."""
    from django.apps import apps
    from django.db.models import Max

    found = {}
    for model in apps.get_models():
        if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
            found[model._meta.label_lower] = model.objects.aggregate(m=Max("pk"))["m"] or 0
    return found


def _touches_existing(entry, max_pks) -> bool:
    if not entry.target_id.isdigit():
        return True
    label = entry.target_type.lower()
    # Unknown target types count as existing: a leak must not hide behind an odd label.
    return label not in max_pks or int(entry.target_id) <= max_pks[label]


def _walk_as_outsiders(cities, select):
    from wenming.journal.models import AuditEntry

    ctx, second = cities
    secrets = _secrets(ctx.region)
    assert len(secrets) > 20, "the demo's first city has too little data to tell a leak"
    crawler, staff_pages, staff_forms = _staff_pages_and_forms(ctx)
    pages = [p for p in staff_pages if select(crawler.views[p])]
    forms = [(page, form) for page, form in staff_forms if select(crawler.views[page])]
    outsiders = {name: getattr(second, name) for name in OUTSIDERS}
    max_pks = _existing_max_pks()
    leaks = []
    for name, user in outsiders.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for path in pages:
            response = client.get(path)
            if response.status_code in (403, 404) or 300 <= response.status_code < 400:
                continue
            html = response.content.decode("utf-8", "replace")
            shown = sorted(s for s in secrets if s in html)
            if response.status_code != 200 or shown:
                leaks.append(f"{name} GET {path} → {response.status_code}, shows {shown[:5]}")
        for page, form in forms:
            last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.post(form.action, dict(_group(_defaults(form))))
            # Creating something in one's own city (a new draft issue) is allowed; changing this one's is not.
            written = [a for a in AuditEntry.objects.filter(actor=user, pk__gt=last) if _touches_existing(a, max_pks)]
            if response.status_code >= 500 or written:
                leaks.append(f"{name} POST {form.action} (form of {page}) → {response.status_code}, wrote {[a.verb for a in written]}")
    return pages, forms, leaks


def _group(pairs):
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def test_staff_of_another_city_see_and_change_nothing_of_this_one(cities):
    pages, forms, leaks = _walk_as_outsiders(cities, lambda view: True)
    assert len(pages) > 25 and len(forms) > 15, f"only {len(pages)} staff pages and {len(forms)} forms found"
    assert any(crawl.resolve_name(p)[0].startswith(NETCIVILITY) for p in pages), "no netcivility staff page found"
    assert not leaks, f"{len(leaks)} cross-city leaks:\n" + "\n".join(leaks)
