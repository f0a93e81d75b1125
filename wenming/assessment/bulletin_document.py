"""The monthly bulletin (通报) as an office sends it: a document, not a spreadsheet dump.

Made from the same plain data as ``bulletins.build`` (a published bulletin's stored numbers):
a header (issuing office, document number, date), a ranked summary on one or two A4 pages,
the duty gaps as a numbered list, the two charts, and the full per-rule detail in an appendix;
as PDF (WeasyPrint, fonts embedded), DOCX (python-docx) and xlsx (core.sheets: exact decimals,
formula-like text kept as text).
"""

import base64
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wenming.core.docx_fonts import set_font
from wenming.core.numbers import plain
from wenming.core.sheets import Sheet, xlsx_bytes

from .bulletin_charts import followers_chart, points_chart
from .bulletins import DEC, INT, PCT, cell_value

SUMMARY_KEYS = ("rank", "unit", "points", "followers", "required", "percent", "accepted", "declared", "held")
ITEMS_SUMMARY_KEYS = ("rank", "unit", "points", "bonus", "republished")


@dataclass
class Header:
    issuer: str
    document_number: str
    on: date


def _columns(data: dict, keys) -> list[dict]:
    by_key = {c["key"]: c for c in data["columns"]}
    return [by_key[k] for k in keys if k in by_key]


def _show(col: dict, raw) -> str:
    value = cell_value(col, raw)
    if value is None:
        return "—"
    if col["type"] == PCT:
        return f"{plain(value)}%"
    if col["type"] == DEC:
        return plain(value)
    return str(value)


def summary_columns(data: dict) -> list[dict]:
    return _columns(data, SUMMARY_KEYS if data.get("has_followers") else ITEMS_SUMMARY_KEYS)


def detail_columns(data: dict) -> list[dict]:
    """The appendix: rank, unit, points and every rule or item column."""
    return [c for c in data["columns"] if c["key"] in ("rank", "unit", "points", "bonus")
            or c["key"].startswith(("rule:", "item:"))]


def table(data: dict, columns: list[dict]) -> list[list[str]]:
    return [[_show(c, row["values"].get(c["key"])) for c in columns] for row in data["rows"]]


def gaps(data: dict) -> list[str]:
    """One numbered line per unit with its gaps, so a month with many gaps stays a short list."""
    return [f"{row['unit']}：{'；'.join(row['gaps'])}" for row in data["rows"] if row["gaps"]]


def charts(data: dict) -> list[bytes]:
    rows = data["rows"]
    out = [points_chart([(r["unit"], Decimal(str(r["values"].get("points") or 0))) for r in rows])]
    if data.get("has_followers"):
        out.append(followers_chart([
            (r["unit"], int(r["values"].get("followers") or 0),
             int(r["values"]["required"]) if r["values"].get("required") not in (None, "") else None)
            for r in rows
        ]))
    return out


def _date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def render_pdf(data: dict, header: Header) -> bytes:
    from weasyprint import HTML

    summary, detail = summary_columns(data), detail_columns(data)
    html = render_to_string("assessment/bulletin_document.html", {
        "data": data, "header": header, "date_text": _date_text(header.on),
        "summary_header": [c["label"] for c in summary], "summary": table(data, summary),
        "detail_header": [c["label"] for c in detail], "detail": table(data, detail),
        "gaps": gaps(data),
        "charts": ["data:image/png;base64," + base64.b64encode(png).decode() for png in charts(data)],
    })
    return HTML(string=html).write_pdf()




def _rule(paragraph, color="C00000", size=18):
    """The red rule under the header: a bottom border on the paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def render_docx(data: dict, header: Header) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)

    def para(text, *, size=12, bold=False, color=None, align=None):
        p = doc.add_paragraph()
        set_font(p.add_run(text), size=size, bold=bold, color=color)
        if align is not None:
            p.alignment = align
        return p

    para(header.issuer, size=24, bold=True, color=RGBColor(0xC0, 0, 0), align=WD_ALIGN_PARAGRAPH.CENTER)
    line = para(header.document_number, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(line)
    para(data["title"], size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(_date_text(header.on), size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)

    def grid(columns, rows, size):
        t = doc.add_table(rows=1 + len(rows), cols=len(columns))
        t.style = "Table Grid"
        for i, c in enumerate(columns):
            set_font(t.cell(0, i).paragraphs[0].add_run(c["label"]), size=size, bold=True)
        for r, row in enumerate(rows, 1):
            for i, text in enumerate(row):
                set_font(t.cell(r, i).paragraphs[0].add_run(text), size=size)

    para(_("一、排名情况"), size=14, bold=True)
    summary = summary_columns(data)
    grid(summary, table(data, summary), 9)
    para(_("二、职责未完成情况"), size=14, bold=True)
    for index, gap in enumerate(gaps(data), 1):
        para(f"{index}. {gap}", size=11)
    if not gaps(data):
        para(_("无。"), size=11)
    para(_("三、图表"), size=14, bold=True)
    for png in charts(data):
        doc.add_picture(io.BytesIO(png), width=Mm(170))
    appendix = doc.add_section()
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = Mm(297), Mm(210)
    para(_("附表：各单位分项积分明细"), size=14, bold=True)
    detail = detail_columns(data)
    grid(detail, table(data, detail), 8)
    for p in doc.paragraphs:
        p.paragraph_format.space_after = Pt(4)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_xlsx(data: dict, header: Header) -> bytes:
    """Summary, full detail and gaps; every number the exact decimal it is (core.sheets)."""
    def rows(columns):
        return [[cell_value(c, row["values"].get(c["key"])) for c in columns] for row in data["rows"]]

    summary, detail = summary_columns(data), detail_columns(data)
    full = [c for c in data["columns"] if c["type"] in (DEC, INT, PCT) or c["key"] in ("unit", "target", "gaps")]
    return xlsx_bytes([
        Sheet(title=_("排名"), header=[c["label"] for c in summary], rows=rows(summary), widths=[8, 24]),
        Sheet(title=_("分项明细"), header=[c["label"] for c in detail], rows=rows(detail), widths=[8, 24]),
        Sheet(title=_("全部数据"), header=[c["label"] for c in full], rows=rows(full), widths=[8, 24]),
        Sheet(title=_("职责提醒"), header=[_("序号"), _("单位"), _("事项")],
              rows=[[i, r["unit"], g] for i, (r, g) in enumerate(((r, g) for r in data["rows"] for g in r["gaps"]), 1)],
              widths=[6, 24, 60]),
        Sheet(title=_("说明"), header=[_("项目"), _("内容")],
              rows=[[_("标题"), data["title"]], [_("发文单位"), header.issuer], [_("文号"), header.document_number],
                    [_("日期"), header.on]]),
    ])
