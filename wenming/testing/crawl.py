"""Walking the site as a person would: every URL pattern, the links and forms its pages show.

Used by the suite-wide tests (hostile input, cross-city access). Pages are parsed with the standard
library's HTML parser: a form is what the browser would submit (its inputs, selects and textareas).
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404


@dataclass(frozen=True)
class Pattern:
    route: str  # the pattern as written, prefixes joined ("participation/<slug:kind>/<int:pk>/")
    name: str  # "namespace:name", or "" when the pattern has none
    params: tuple[tuple[str, str], ...]  # (converter or "re", parameter name) in order

    def fill(self, values: dict[str, str]) -> str:
        """The path with each parameter replaced by ``values[name]``."""
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), self.route)
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
        return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")


def url_patterns(resolver=None, prefix: str = "", namespace: str = "") -> list[Pattern]:
    """Every URL pattern of the project, prefixes joined."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            found += url_patterns(entry, prefix + route, ns)
        elif isinstance(entry, URLPattern):
            full = prefix + route
            params = []
            for part in re.finditer(r"<(?:\w+:)?\w+>|\(\?P<\w+>", full):
                text = part.group(0)
                if text.startswith("(?P"):
                    params.append(("re", _GROUP.match(text).group("name")))
                else:
                    m = _PARAM.match(text)
                    params.append((m.group("conv") or "str", m.group("name")))
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            found.append(Pattern(full, name, tuple(params)))
    return found


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, default value)
    options: dict[str, list[str]] = field(default_factory=dict)

    def names(self) -> list[str]:
        return list(dict.fromkeys(name for name, _type, _value in self.fields))


class PageParser(HTMLParser):
    """The forms and same-site links of one page."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                action=a.get("action") or self.page_url,
                method=(a.get("method") or "get").lower(),
                enctype=a.get("enctype") or "application/x-www-form-urlencoded",
            )
            self.forms.append(self._form)
        elif self._form is not None and a.get("name"):
            if tag == "input":
                kind = a.get("type", "text").lower()
                if kind in ("submit", "button", "image", "reset") and not a.get("value"):
                    return
                self._form.fields.append((a["name"], kind, a.get("value", "")))
            elif tag == "button" and a.get("value"):
                self._form.fields.append((a["name"], "button", a["value"]))
            elif tag == "select":
                self._select = a["name"]
                self._form.fields.append((a["name"], "select", ""))
                self._form.options.setdefault(a["name"], [])
            elif tag == "textarea":
                self._form.fields.append((a["name"], "textarea", ""))
        elif tag == "option" and self._form is not None and self._select:
            self._form.options[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse_page(html: str, page_url: str) -> PageParser:
    parser = PageParser(page_url)
    parser.feed(html)
    return parser


def same_site_path(href: str, base: str) -> str | None:
    """The path and query of a same-site link, or None for another site, a fragment, mailto: ..."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc not in ("testserver", ""):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def resolve_name(path: str) -> tuple[str, dict] | None:
    from django.urls import resolve

    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


def form_body(pairs: list[tuple[str, str]]) -> bytes:
    """URL-encoded bytes; a lone surrogate is encoded as its (invalid) UTF-8 bytes, as a broken
    client would send it."""
    return "&".join(
        urlencode([(k, v)], encoding="utf-8", errors="surrogatepass") for k, v in pairs
    ).encode("ascii")
