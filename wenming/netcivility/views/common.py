"""Helpers the netcivility views share."""

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
    """``?year=``, within a sane range; anything else is this year."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year
