"""Monthly quotas: the office's compliance tables and exports; volunteers submit posts and see their record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wenming.core.sheets import Sheet, xlsx_bytes

from .. import actions
from ..forms import ArticleForm, PostForm
from ..models import Post, PromptAssignment, YearSetting
from ..queries import best_volunteers, counties_for, county_figures, member_of, year_compliance
from ..queries.quotas import article_units, elapsed_months
from .common import staff_or_403, xlsx_response, year_param

MONTHS = list(range(1, 13))


@login_required
@require_GET
def compliance(request):
    staff_or_403(request)
    year = year_param(request)
    counties = list(counties_for(request.user))
    data = year_compliance(year, counties)
    ctx = {"year": year, "data": data, "months": MONTHS, "best": best_volunteers(year, counties),
           "by_county": _by_county(year, counties)}
    return render(request, "netcivility/compliance.html", ctx)


def _by_county(year, counties) -> list[dict]:
    """The year's two figures per county, the ones the assessment item reads."""
    figures = county_figures(year, counties)
    return [{"county": c, **figures[c.pk]} for c in counties]


def _pct(value) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


@login_required
@require_GET
def compliance_export(request):
    staff_or_403(request)
    year = year_param(request)
    counties = list(counties_for(request.user))
    data = year_compliance(year, counties)
    month_heads = [f"{m}月" for m in MONTHS]
    flag = _("连续三月未达标")

    def rows(kind):
        return [[r["county"].name if r["county"] else "", r["subject"].name, *r["months"], r["met"], r["due"],
                 flag if r["flagged"] else ""] for r in data[kind]]

    sheets = [
        Sheet(_("按地区"), [_("县（市、区）"), _("工作提示完成率"), _("月度达标率")],
              [[r["county"].name, _pct(r["completion"]), _pct(r["compliance"])] for r in _by_county(year, counties)],
              widths=[20, 16, 16]),
        Sheet(_("志愿者博文"), [_("县（市、区）"), _("姓名"), *month_heads, _("达标月数"), _("应达标月数"), _("提示")], rows("persons")),
        Sheet(_("全国文明单位原创稿"), [_("县（市、区）"), _("单位"), *month_heads, _("达标月数"), _("应达标月数"), _("提示")],
              rows("units")),
        Sheet(_("年度优秀志愿者"), [_("名次"), _("姓名"), _("县（市、区）"), _("完成提示与博文数")],
              [[b["rank"], b["member"].name, b["member"].county.name, b["score"]] for b in best_volunteers(year, counties)]),
    ]
    return xlsx_response(xlsx_bytes(sheets), f"netcivility-compliance-{year}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def submit_post(request):
    member = member_of(request.user)
    form = PostForm(request.POST if request.method == "POST" else None,
                    initial={"published_on": timezone.localdate()})
    if member is not None and request.method == "POST" and form.is_valid():
        try:
            actions.submit_post(member, actor=request.user, **form.cleaned_data)
        except actions.TeamError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("博文已提交"))
            return redirect("netcivility:my_record")
    return render(request, "netcivility/submit_post.html", {"member": member, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def submit_article(request):
    """A nationally civilized unit's original article (one a month), by its liaison, member or office."""
    units = article_units(request.user)
    form = ArticleForm(request.POST if request.method == "POST" else None, units=units,
                       initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            actions.submit_article(data.pop("unit"), actor=request.user, **data)
        except actions.TeamError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("原创稿已提交"))
            return redirect("netcivility:submit_article")
    recent = Post.objects.filter(unit__in=units).select_related("unit").order_by("-published_on", "-id")[:20]
    return render(request, "netcivility/submit_article.html", {"form": form, "has_units": units.exists(), "recent": recent})


@login_required
@require_GET
def my_record(request):
    member = member_of(request.user)
    year = year_param(request)
    ctx = {"member": member, "year": year, "writes_articles": article_units(request.user).exists()}
    if member is not None:
        posts = list(Post.objects.filter(member=member, published_on__year=year).order_by("-published_on", "-id"))
        monthly = [0] * 12
        for post in posts:
            monthly[post.published_on.month - 1] += 1
        judged = set(elapsed_months(year))
        quota = YearSetting.for_year(year).blog_quota
        ctx.update(
            posts=posts,
            months=[{"month": m, "count": monthly[m - 1], "judged": m in judged,
                     "ok": monthly[m - 1] >= quota} for m in MONTHS],
            completed=PromptAssignment.objects.filter(member=member, completed_at__year=year).count(),
            assigned=PromptAssignment.objects.filter(member=member, prompt__deadline__year=year).count(),
            roles=member.roles.all(),
        )
    return render(request, "netcivility/my_record.html", ctx)
