"""Pages: my points, leaderboards, the staff breakdown with manual adjustment, redemption."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.periods import Month, local_date
from wenming.orgs.models import Unit
from wenming.people.models import User
from wenming.people.permissions import can, scope_units

from . import actions, explain, queries
from .choices import OrderStatus
from .engine import points_schemes
from .forms import AdjustmentForm, PeriodForm
from .labels import entry_line, rule_label
from .models import CatalogueItem, Entry, Order, RuleSet
from .periods import period_of


def _scheme(request):
    # A scheme rolled into a later year goes last: the pages open on the year in force.
    schemes = sorted(points_schemes(), key=lambda s: ("superseded_on" in (s.params or {}), s.slug))
    if not schemes:
        raise Http404(_("尚未载入积分方案"))
    slug = request.GET.get("scheme")
    return next((s for s in schemes if s.slug == slug), schemes[0])


def how_to_earn(request):
    """积分怎么得: the rule set in force today, generated from the data the engine scores with."""
    scheme = _scheme(request)
    ruleset = explain.ruleset_in_force(scheme, local_date(timezone.now()))
    lines = explain.explain(ruleset) if ruleset else []
    return render(
        request,
        "points/how_to_earn.html",
        {
            "scheme": scheme,
            "ruleset": ruleset,
            "mine": [line for line in lines if line.for_person],
            "units": [line for line in lines if not line.for_person],
        },
    )


def _period(request) -> tuple[Month | None, int | None]:
    form = PeriodForm(request.GET)
    now = Month.of(timezone.now())
    if not form.is_valid():
        return now, None
    if form.cleaned_data.get("year") and not form.cleaned_data.get("month"):
        return None, form.cleaned_data["year"]
    return (Month.parse(form.cleaned_data["month"]) if form.cleaned_data.get("month") else now), None


@login_required
def mine(request):
    """My points this month and all time, my ranks, and every entry in plain words."""
    scheme = _scheme(request)
    month, _year = _period(request)
    month = month or Month.of(timezone.now())
    entries = (
        Entry.objects.filter(person=request.user, period=period_of(month))
        .select_related("ruleset", "event")
        .order_by("-created_at", "-id")[:200]
    )
    return render(
        request,
        "points/mine.html",
        {
            "scheme": scheme,
            "month": month,
            "prev": month.prev(),
            "next": month.next(),
            "month_total": queries.person_total(request.user, month),
            "all_time": queries.person_total(request.user),
            "balance": queries.person_balance(request.user),
            "ranks": queries.my_rank(scheme, month, request.user),
            "lines": [(e, entry_line(e)) for e in entries],
        },
    )


@login_required
def leaderboard(request):
    """Units within the city, or people within a unit, for a month or a year; ties share a rank."""
    scheme = _scheme(request)
    month, year = _period(request)
    by = "person" if request.GET.get("by") == "person" else "unit"
    unit = None
    if by == "person":
        unit_id = request.GET.get("unit") or request.user.group_id
        unit = Unit.objects.filter(pk=unit_id).first() if str(unit_id or "").isdigit() else None
        if unit is None:
            messages.info(request, _("请先选择社群，或指定一个单位"))
            return redirect(f"{request.path}?by=unit")
    ranked = queries.leaderboard(
        scheme, month=month, year=year, by=by, unit_ids=[unit.pk] if unit else None, limit=100
    )
    ids = [r.subject_id for r in ranked]
    if by == "unit":
        names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    else:
        names = {u.pk: u.shown_name for u in User.objects.filter(pk__in=ids).only("pk", "display_name", "username")}
    rows = [(r.rank, names.get(r.subject_id, "?"), r.points, r.subject_id) for r in ranked]
    return render(
        request,
        "points/leaderboard.html",
        {"scheme": scheme, "month": month, "year": year, "by": by, "unit": unit, "rows": rows},
    )


def _labels(scheme) -> dict[str, str]:
    labels = {"adjust": _("人工调整")}
    for ruleset in RuleSet.objects.filter(scheme=scheme):
        for rule in ruleset.rules:
            labels.setdefault(rule["id"], rule.get("label", rule["id"]))
    return labels


@login_required
def staff_units(request):
    """Units in the viewer's scope: the month's points with the breakdown by rule."""
    scheme = _scheme(request)
    month, _year = _period(request)
    month = month or Month.of(timezone.now())
    units = list(
        scope_units(request.user, "view_unit").filter(enrollments__scheme=scheme).order_by("enrollments__sort_order")
    )
    if not units and not can(request.user, "view_unit"):
        raise PermissionDenied
    breakdown = queries.unit_breakdown(scheme, month)
    labels = _labels(scheme)
    rule_ids = sorted({rule for unit in units for rule in breakdown.get(unit.pk, {})})
    rows = []
    for unit in units:
        parts = breakdown.get(unit.pk, {})
        rows.append((unit, sum(parts.values()), [parts.get(r) for r in rule_ids]))
    rows.sort(key=lambda row: -row[1])
    return render(
        request,
        "points/staff_units.html",
        {"scheme": scheme, "month": month, "rows": rows, "rules": [(r, labels.get(r, r)) for r in rule_ids]},
    )


@login_required
def staff_unit(request, unit_id: int):
    """One unit's month: breakdown by rule, every entry, and a manual adjustment with its reason."""
    scheme = _scheme(request)
    unit = get_object_or_404(Unit, pk=unit_id)
    if not can(request.user, "view_unit", unit):
        raise PermissionDenied
    month, _year = _period(request)
    month = month or Month.of(timezone.now())
    may_adjust = can(request.user, "adjust_points", unit)
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST":
        if not may_adjust:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.adjust_points(
                    scheme=scheme, month=month, actor=request.user, unit=unit,
                    amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"],
                )
            except actions.PointsError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已记录积分调整"))
                return redirect(f"{request.path}?month={month}")
    labels = _labels(scheme)
    parts = queries.unit_breakdown(scheme, month).get(unit.pk, {})
    entries = queries.month_entries(scheme, month, unit=unit).select_related("actor")[:500]
    return render(
        request,
        "points/staff_unit.html",
        {
            "scheme": scheme,
            "unit": unit,
            "month": month,
            "parts": sorted(((labels.get(r, r), r, v) for r, v in parts.items()), key=lambda p: p[1]),
            "total": sum(parts.values()),
            "entries": [(e, rule_label(e.ruleset, e.rule) if e.ruleset_id else labels.get(e.rule, e.rule)) for e in entries],
            "form": form if may_adjust else None,
            "frozen": queries.is_frozen(scheme, month),
        },
    )


@login_required
def catalogue(request):
    """Items I can redeem, my balance and my orders."""
    now = timezone.now()
    items = CatalogueItem.objects.filter(is_active=True).exclude(active_until__lte=now).exclude(active_from__gt=now)
    orders = Order.objects.filter(person=request.user).select_related("item")[:50]
    balance = queries.person_balance(request.user)
    # Each item with what is still missing (zero when the balance covers it).
    rows = [(item, max(item.cost - balance, 0)) for item in items]
    return render(
        request,
        "points/catalogue.html",
        {"rows": rows, "orders": orders, "balance": balance, "placed": OrderStatus.PLACED},
    )


@login_required
@require_POST
def order(request, item_id: int):
    item = get_object_or_404(CatalogueItem, pk=item_id)
    try:
        actions.place_order(request.user, item)
    except actions.PointsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("兑换成功：%(item)s") % {"item": item.name})
    return redirect("points:catalogue")


@login_required
@require_POST
def cancel(request, order_id: int):
    the_order = get_object_or_404(Order, pk=order_id)
    if the_order.person_id != request.user.pk and not can(request.user, "adjust_points"):
        raise PermissionDenied
    try:
        actions.cancel_order(the_order, actor=request.user)
    except actions.PointsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已取消，积分已退还"))
    return redirect("points:orders" if request.POST.get("next") == "orders" else "points:catalogue")


@login_required
def orders(request):
    """Staff: redemption orders to hand over."""
    if not can(request.user, "adjust_points"):
        raise PermissionDenied
    status = request.GET.get("status", OrderStatus.PLACED)
    qs = Order.objects.select_related("item", "person")
    if status in OrderStatus.values:
        qs = qs.filter(status=status)
    return render(request, "points/orders.html", {"orders": qs[:200], "status": status, "statuses": OrderStatus.choices})


@login_required
@require_POST
def fulfil(request, order_id: int):
    the_order = get_object_or_404(Order, pk=order_id)
    try:
        actions.fulfil_order(the_order, actor=request.user)
    except actions.PointsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已发放"))
    return redirect("points:orders")
