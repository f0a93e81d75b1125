"""The endpoint browsers post Content-Security-Policy violations to (the policy's ``report-uri``).

Anyone can post here, so it is built to be cheap and dull: at most a few kilobytes read, a few
reports a minute per address logged, the rest counted and dropped; whatever arrives it answers
204 (a browser does nothing with the answer) and never an error page.
"""

import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from .net import client_ip
from .throttle import Throttle

logger = logging.getLogger("wenming.csp")

# The fields worth keeping, in both report formats (report-uri's and the Reporting API's).
FIELDS = (
    "document-uri",
    "documentURL",
    "violated-directive",
    "effective-directive",
    "effectiveDirective",
    "blocked-uri",
    "blockedURL",
    "source-file",
    "sourceFile",
    "line-number",
    "lineNumber",
    "disposition",
)
FIELD_MAX_CHARS = 300


def _reports(payload) -> list[dict]:
    """The violation bodies in a payload: ``{"csp-report": {...}}`` or ``[{"body": {...}}, ...]``."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [entry["body"] for entry in payload[:10] if isinstance(entry, dict) and isinstance(entry.get("body"), dict)]
    return []


def _summary(report: dict) -> dict:
    return {key: str(report[key])[:FIELD_MAX_CHARS] for key in FIELDS if key in report}


@csrf_exempt
def csp_report(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    limit = settings.WENMING["CSP_REPORT_MAX_BYTES"]
    throttle = Throttle("csp-report", settings.WENMING["CSP_REPORTS_PER_MINUTE"], 60)
    address = client_ip(request) or "unknown"
    if throttle.hit(address) > throttle.limit:
        return HttpResponse(status=204)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        logger.warning("csp report too large (%s bytes) from %s", declared, address)
        return HttpResponse(status=204)
    try:
        raw = request.read(limit + 1)
        if len(raw) > limit:
            raise ValueError("report too large")
        reports = _reports(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, OSError):
        logger.info("csp report unreadable from %s", address)
        return HttpResponse(status=204)
    for report in reports:
        logger.warning("csp violation: %s", json.dumps(_summary(report), ensure_ascii=False))
    return HttpResponse(status=204)
