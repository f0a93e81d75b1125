"""core.redirects: the one check every user-supplied redirect target goes through."""

import pytest
from django.test import RequestFactory

from wenming.core.redirects import is_safe_target, safe_next

OFF_SITE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "https:evil.example",
    "https:/evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "https://testserver@evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "",
    None,
    ["/"],
]


@pytest.fixture
def request_():
    return RequestFactory().get("/")


@pytest.mark.parametrize("target", OFF_SITE)
def test_off_site_targets_fall_back(request_, target):
    assert not is_safe_target(request_, target)
    assert safe_next(request_, target, "home") == "/"


@pytest.mark.parametrize("target", ["/honors/", "/accounts/me/?tab=1#x", "http://testserver/console/", "/%2F%2Fevil"])
def test_paths_of_this_site_are_kept(request_, target):
    assert safe_next(request_, target, "home") == target


def test_an_http_target_is_refused_on_an_https_request():
    request = RequestFactory().get("/", secure=True)
    assert safe_next(request, "http://testserver/console/", "home") == "/"
    assert safe_next(request, "https://testserver/console/", "home") == "https://testserver/console/"


def test_fallback_may_be_a_url_name_or_a_path(request_):
    assert safe_next(request_, "//evil.example", "people:me") == "/accounts/me/"
    assert safe_next(request_, "//evil.example", "/honors/") == "/honors/"
