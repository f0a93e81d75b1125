"""Helpers the netcivility views share."""

import re

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone

from wenming.people.permissions import can

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_or_403(request) -> None:
    """The console is for offices that manage a team somewhere; each county is then asked on its own."""
    if not can(request.user, "manage_netcivility"):
        raise PermissionDenied


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def year_param(request) -> int:
    """``?year=``, within a sane range; anything else (letters, "²", NUL, huge numbers) is this year."""
    raw = request.GET.get("year", "")
    if re.fullmatch(r"[0-9]{4}", raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


def int_param(raw) -> int | None:
    """A small positive id from a form field, or None; never an exception."""
    raw = str(raw or "")
    return int(raw) if re.fullmatch(r"[0-9]{1,9}", raw) else None
