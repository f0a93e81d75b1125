"""The survey as an Excel workbook: the ranked counts, then every submission."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from wenming.core.periods import to_local

from .models import FollowSubmission
from .queries import ranked_counts


def survey_workbook(survey) -> bytes:
    wb = Workbook()
    summary = wb.active
    summary.title = _("汇总")
    summary.append([survey.title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([_("名次"), _("地区"), _("提交人数")])
    total = 0
    for row in ranked_counts(survey):
        summary.append([row["rank"], row["unit"].name, row["count"]])
        total += row["count"]
    summary.append(["", _("合计"), total])
    for cell in summary[2]:
        cell.font = Font(bold=True)
    summary.column_dimensions["B"].width = 24

    detail = wb.create_sheet(_("明细"))
    detail.append([_("提交时间"), _("地区"), _("openid")])
    rows = FollowSubmission.objects.filter(survey=survey).select_related("unit").order_by("submitted_at", "id")
    for sub in rows.iterator():
        detail.append([to_local(sub.submitted_at).replace(tzinfo=None), sub.unit.name, sub.openid])
    detail.column_dimensions["A"].width = 20
    detail.column_dimensions["C"].width = 34
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
