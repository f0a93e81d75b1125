"""The Content-Security-Policy: on every page, without inline script, its reports logged safely."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import wenming

REPORT = {
    "csp-report": {
        "document-uri": "https://example.org/honors/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
        "line-number": 12,
    }
}


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/honors/", "/participation/", "/admin/login/"])
def test_every_page_carries_a_policy_without_inline_script(db, path):
    response = Client().get(path, follow=True)
    rules = policy(response)
    assert rules["script-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert rules["report-uri"] == [reverse("csp_report")]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_inline_styles_are_allowed_on_the_admin_only(client, personas):
    client.force_login(personas.admin)
    assert "'unsafe-inline'" in policy(client.get("/admin/"))["style-src"]
    assert policy(client.get("/"))["style-src"] == ["'self'"]


def test_staff_pages_carry_the_policy(client, personas):
    client.force_login(personas.editor)
    response = client.get("/console/")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]


def test_a_violation_report_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="wenming.csp"):
        response = client.post(reverse("csp_report"), json.dumps(REPORT), content_type="application/csp-report")
    assert response.status_code == 204
    assert "script-src-elem" in caplog.text and "example.org/honors" in caplog.text


def test_reports_in_the_reporting_api_format_are_logged(client, caplog):
    body = [{"type": "csp-violation", "body": {"documentURL": "https://example.org/", "effectiveDirective": "img-src"}}]
    with caplog.at_level(logging.WARNING, logger="wenming.csp"):
        response = client.post(reverse("csp_report"), json.dumps(body), content_type="application/reports+json")
    assert response.status_code == 204
    assert "img-src" in caplog.text


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"\xff\xfe\x00", b"[1, 2, 3]", b'{"csp-report": "x"}', b"{" * 5000, json.dumps({"a": [1] * 10}).encode()],
)
def test_any_body_is_answered_204_without_an_error(client, body):
    response = client.post(reverse("csp_report"), body, content_type="application/csp-report")
    assert response.status_code == 204


def test_an_oversized_report_is_not_read(client, caplog, settings):
    huge = {"csp-report": {"violated-directive": "script-src", "blocked-uri": "x" * (settings.WENMING["CSP_REPORT_MAX_BYTES"] + 1)}}
    with caplog.at_level(logging.WARNING, logger="wenming.csp"):
        response = client.post(reverse("csp_report"), json.dumps(huge), content_type="application/csp-report")
    assert response.status_code == 204
    assert "csp violation" not in caplog.text
    assert "too large" in caplog.text


def test_long_fields_are_cut_in_the_log(client, caplog):
    report = {"csp-report": {"violated-directive": "script-src", "blocked-uri": "y" * 5000}}
    with caplog.at_level(logging.WARNING, logger="wenming.csp"):
        client.post(reverse("csp_report"), json.dumps(report), content_type="application/csp-report")
    assert "y" * 300 in caplog.text and "y" * 301 not in caplog.text


def test_reports_from_one_address_are_throttled(client, caplog, settings):
    settings.WENMING = {**settings.WENMING, "CSP_REPORTS_PER_MINUTE": 3}
    with caplog.at_level(logging.WARNING, logger="wenming.csp"):
        answers = [
            client.post(reverse("csp_report"), json.dumps(REPORT), content_type="application/csp-report").status_code
            for _ in range(10)
        ]
    assert answers == [204] * 10
    assert caplog.text.count("csp violation") == 3


def test_the_report_endpoint_refuses_get(client):
    assert client.get(reverse("csp_report")).status_code == 405


# --- no inline script in any template -----------------------------------------------------------------

TEMPLATES = sorted(Path(wenming.__file__).parent.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.I)
SCRIPT_URL = re.compile(r"javascript:", re.I)


def test_templates_are_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(Path(wenming.__file__).parent)))
def test_no_template_has_inline_script_handlers_or_script_urls(template):
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script> block: move it to a static file"
    assert not HANDLER.search(text), "on*= attribute: bind the handler from a static script"
    assert not SCRIPT_URL.search(text), "javascript: URL: use a button and a static script"


def test_the_scan_catches_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/a.js"></script>')
    assert not INLINE_SCRIPT.search('<script id="x" type="application/json">{}</script>')
    assert HANDLER.search('<select onchange="this.form.submit()">')
    assert not HANDLER.search('<input name="one" data-online="1">')
    assert SCRIPT_URL.search('<a href="javascript:void(0)">')
