from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.nav import me_links
from wenming.core.periods import to_local
from wenming.orgs.queries import units

from . import actions
from .permissions import scope_units
from .queries import choosable_groups, standings


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            from wenming.wechat.services import login_url_for

            ctx["wechat_login_url"] = login_url_for(self.request)
        except (ImportError, AttributeError):
            ctx["wechat_login_url"] = None
        return ctx


@login_required
def choose_group(request):
    return render(request, "people/choose_group.html", {"grouped": choosable_groups()})


@login_required
@require_POST
def choose_group_submit(request, unit_id: int):
    unit = get_object_or_404(units(), pk=unit_id, is_active=True)
    try:
        actions.choose_group(request.user, unit)
    except actions.GroupChoiceError as exc:
        messages.error(request, str(exc))
        return redirect("people:choose_group")
    messages.success(request, _("已加入社群：%(name)s") % {"name": unit.name})
    return redirect("home")


@login_required
def me(request):
    return render(request, "people/me.html", {"me_links": me_links()})


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
    return render(request, "people/console.html", {"rows": rows, "year": year})
