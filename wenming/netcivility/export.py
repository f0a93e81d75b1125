"""The survey as an Excel workbook: the ranked counts, then every submission.

Written through ``core.sheets``: a survey title or a region name that starts with ``=`` is text.
"""

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from wenming.core.sheets import append_row, new_workbook, workbook_bytes

from .models import FollowSubmission
from .queries import ranked_counts


def survey_workbook(survey) -> bytes:
    wb = new_workbook()
    summary = wb.active
    summary.title = _("汇总")
    append_row(summary, [survey.title])
    summary["A1"].font = Font(bold=True, size=14)
    append_row(summary, [_("名次"), _("地区"), _("提交人数")])
    total = 0
    for row in ranked_counts(survey):
        append_row(summary, [row["rank"], row["unit"].name, row["count"]])
        total += row["count"]
    append_row(summary, ["", _("合计"), total])
    for cell in summary[2]:
        cell.font = Font(bold=True)
    summary.column_dimensions["B"].width = 24

    detail = wb.create_sheet(_("明细"))
    append_row(detail, [_("提交时间"), _("地区"), _("openid")])
    rows = FollowSubmission.objects.filter(survey=survey).select_related("unit").order_by("submitted_at", "id")
    for sub in rows.iterator():
        append_row(detail, [sub.submitted_at, sub.unit.name, sub.openid])
    detail.column_dimensions["A"].width = 20
    detail.column_dimensions["C"].width = 34
    return workbook_bytes(wb)
