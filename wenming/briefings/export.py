"""The adoption report as a workbook (through core.sheets: text stays text, numbers exact)."""

from django.utils.translation import gettext as _

from wenming.core.sheets import Sheet, xlsx_bytes

from .queries import Report


def report_workbook(report: Report, title: str) -> bytes:
    ranked = report.ranked()
    cities = Sheet(
        title=_("各设区市"),
        header=[_("名次"), _("地区"), _("市本级用稿篇数"), _("所辖县（市、区）用稿篇数"), _("合计")],
        rows=[[r.rank, r.region, r.city_level, r.county_level, r.total] for r in ranked],
        widths=[8, 16, 16, 24, 10],
    )
    summary = Sheet(
        title=_("汇总"),
        header=[_("类别"), _("篇数")],
        rows=[[title, ""], [_("市本级"), report.city_level], [_("县（市、区）"), report.county_level],
              [_("综合稿件"), report.general], *[[name, n] for name, n in report.sectors], [_("合计"), report.total]],
        widths=[28, 10],
    )
    return xlsx_bytes([cities, summary])
