from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from wenming.core.periods import to_local
from wenming.people.permissions import scope_units

from .queries import standings


@login_required
def console(request):
    """Units in the viewer's scope with followers vs this year's target."""
    units = scope_units(request.user, "view_unit").select_related("liaison", "parent")
    if not units.exists():
        raise PermissionDenied
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = to_local(timezone.now()).year
    if not 2000 <= year <= 2100:
        year = to_local(timezone.now()).year
    # Regions above town level are containers here; their towns and departments carry targets.
    rows = standings(units.exclude(kind__in=["province", "city", "county"]), year)
    return render(request, "orgs/console.html", {"rows": rows, "year": year})
