from urllib.parse import parse_qs, urlencode, urlsplit

import segno
from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from wenming.core.nav import me_links
from wenming.core.periods import to_local
from wenming.core.redirects import is_safe_target, safe_next
from wenming.orgs.queries import units

from . import actions, second_factor
from .forms import TokenForm
from .permissions import scope_units
from .queries import choosable_groups, standings


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_redirect_url(self):
        candidate = self.request.POST.get("next", self.request.GET.get("next", ""))
        return candidate if is_safe_target(self.request, candidate) else ""

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
    staff = second_factor.is_staff_person(request.user)
    return render(request, "people/me.html", {"me_links": me_links(), "second_factor_link": staff})


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



def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out account or address (our login form and the admin's)."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    return render(request, "people/locked_out.html", {"minutes": minutes}, status=429)


def _next(request) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"), "home")


@never_cache
@login_required
def otp_verify(request):
    """Second step of a login: the code of the person's authenticator app."""
    if request.session.get(second_factor.SESSION_KEY) != second_factor.VERIFY:
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = actions.verify_second_factor(request.user, form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc)
        else:
            if device is not None:
                otp_login(request, device)
                second_factor.mark_done(request)
                return redirect(_next(request))
            form.add_error("token", _("验证码不正确或已使用，请等待认证器显示新的验证码后再试。"))
    return render(request, "people/otp_verify.html", {"form": form, "next": _next(request)})


@never_cache
@login_required
def otp_enrol(request):
    """Set up an authenticator app: scan the QR code, then confirm with the code it shows."""
    step = request.session.get(second_factor.SESSION_KEY)
    if step == second_factor.VERIFY:
        return redirect(reverse("people:otp_verify") + "?" + urlencode({"next": _next(request)}))
    if step == second_factor.DONE and second_factor.confirmed_device(request.user) is not None:
        return render(request, "people/otp_enrol.html", {"enrolled": True})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = actions.confirm_totp_enrolment(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            second_factor.mark_done(request)
            messages.success(request, _("已启用两步验证，以后登录时需要输入认证器显示的验证码。"))
            return redirect(_next(request))
        form.add_error("token", _("验证码不正确，请核对手机时间后重新输入认证器显示的验证码。"))
    device = actions.start_totp_enrolment(request.user)
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": qr.svg_inline(scale=5, dark="#1f2d3d", light="#ffffff", omitsize=True),
        "secret": _grouped(device.config_url),
        "required": step == second_factor.ENROL,
    }
    return render(request, "people/otp_enrol.html", context)


def _grouped(config_url: str) -> str:
    """The base32 secret of an otpauth:// URL, in groups of four for typing it in by hand."""
    secret = parse_qs(urlsplit(config_url).query).get("secret", [""])[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
