"""An issue's printed files, made from its snapshot: PDF (WeasyPrint) and DOCX (python-docx).

Both follow seed 004: 工作资料 注意保存, the red masthead title over a red rule, 第N期, issuer and
date, the contents by section, the articles, the adoption table, the distribution block between
rules and the document number with the print run at the foot; A4 portrait. The PDF embeds the
Noto CJK fonts installed by scripts/install-system-deps.sh (found through fontconfig).
"""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import html as lxml_html

from wenming.core.docx_fonts import set_font

RED = RGBColor(0xC0, 0x00, 0x00)
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
BLOCK_TAGS = {"p", "h2", "h3", "li", "blockquote"}


def HEADERS() -> tuple[str, str, str]:
    return (_("地 区"), _("市本级用稿篇数"), _("所辖县（市、区）用稿篇数"))


def report_rows(report: dict) -> list[list[str]]:
    """The adoption table as printed: cities, then 综合稿件, then 文明行业 on one line."""
    rows = [[c["region"], str(c["city_level"]), str(c["county_level"])] for c in report["cities"]]
    rows.append([_("综合稿件"), str(report["general"]), ""])
    if report["sectors"]:
        rows.append([_("文明行业"), "、".join(f"{name} {n}" for name, n in report["sectors"]), ""])
    return rows


def render_pdf(snapshot: dict) -> bytes:
    from weasyprint import HTML

    sections = [dict(s, rows=report_rows(s["report"])) if s.get("report") else s for s in snapshot["sections"]]
    html = render_to_string("briefings/issue_pdf.html", {"s": snapshot, "sections": sections})
    return HTML(string=html).write_pdf()


# ---- DOCX




def _para(doc, text="", *, size=12, bold=False, color=None, align=None, family=SERIF, space_after=4):
    p = doc.add_paragraph()
    if text:
        set_font(p.add_run(text), size=size, bold=bold, color=color, family=family)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _rule(paragraph, color="C00000", size=18):
    """A bottom border on a paragraph: the red rule under the masthead, the distribution lines."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)


def _runs(element) -> list[tuple[str, bool]]:
    """(text, bold) runs of one block of sanitised HTML."""
    runs: list[tuple[str, bool]] = []

    def walk(node, bold):
        bold = bold or node.tag in ("strong", "b")
        if node.text:
            runs.append((node.text, bold))
        for child in node:
            if isinstance(child.tag, str):
                walk(child, bold)
            if child.tail:
                runs.append((child.tail, bold))

    walk(element, element.tag in ("h2", "h3"))
    return runs


def html_blocks(body: str) -> list[tuple[str, list[tuple[str, bool]]]]:
    """The body's paragraphs as (tag, runs), for a document that is not HTML."""
    if not body.strip():
        return []
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    blocks = []
    loose: list[tuple[str, bool]] = []
    if root.text and root.text.strip():
        loose.append((root.text, False))
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag in BLOCK_TAGS:
            if loose:
                blocks.append(("p", loose))
                loose = []
            blocks.append((child.tag, _runs(child)))
        elif child.tag in ("ul", "ol"):
            blocks.extend(("li", _runs(li)) for li in child if li.tag == "li")
        else:
            loose.extend(_runs(child))
        if child.tail and child.tail.strip():
            loose.append((child.tail, False))
    if loose:
        blocks.append(("p", loose))
    return blocks


def _article(doc, article: dict) -> None:
    _para(doc, article["title"], size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, family=SANS, space_after=10)
    for tag, runs in html_blocks(article["body"]):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24) if tag == "p" else None
        p.paragraph_format.line_spacing = 1.5
        for text, bold in runs:
            set_font(p.add_run(("• " if tag == "li" and not p.runs else "") + text), size=14 if tag != "h3" else 15,
                  bold=bold or tag in ("h2", "h3"))


def _report_table(doc, report: dict) -> None:
    _para(doc, report["heading"], size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, family=SANS)
    _para(doc, _("（共 %(n)s 篇）") % {"n": report["total"]}, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    rows = report_rows(report)
    table = doc.add_table(rows=1 + len(rows), cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, text in enumerate(HEADERS()):
        set_font(table.cell(0, col).paragraphs[0].add_run(text), size=12, bold=True, family=SANS)
    for r, row in enumerate(rows, 1):
        if r == len(rows) and report["sectors"]:
            merged = table.cell(r, 1).merge(table.cell(r, 2))
            row = [row[0], row[1]]
            cells = [table.cell(r, 0), merged]
        else:
            cells = [table.cell(r, c) for c in range(3)]
        for cell, text in zip(cells, row, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(text), size=12)


def render_docx(snapshot: dict) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(30)
    section.left_margin = section.right_margin = Mm(26)
    _para(doc, snapshot["note"], size=12, bold=True, family=SANS)
    _para(doc, snapshot["title"], size=30, bold=True, color=RED, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _para(doc, snapshot["number_text"], size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = _para(doc, "", size=14)
    set_font(line.add_run(snapshot["issuer"]), size=14)
    set_font(line.add_run("\t" + snapshot["date_text"]), size=14)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(158), alignment=2)  # right-aligned tab
    _rule(line)
    for s in snapshot["sections"]:
        _para(doc, f"【{s['title']}】", size=14, bold=True, family=SANS, space_after=2)
        items = [a["title"] for a in s["articles"]] if not s.get("report") else [s["report"]["heading"]]
        for item in items:
            _para(doc, item, size=13, space_after=2).paragraph_format.left_indent = Pt(28)
    for s in snapshot["sections"]:
        doc.add_page_break()
        if s.get("report"):
            _report_table(doc, s["report"])
            continue
        for index, article in enumerate(s["articles"]):
            if index:
                doc.add_page_break()
            _article(doc, article)
    _para(doc, "", space_after=18)
    top = _para(doc, "", size=2)
    _rule(top, color="000000", size=8)
    if snapshot["report_to"]:
        _para(doc, _("报：") + snapshot["report_to"][0], size=13)
        for extra in snapshot["report_to"][1:]:
            _para(doc, extra, size=13).paragraph_format.left_indent = Pt(26)
    if snapshot["send_to"]:
        _para(doc, _("发：") + "；".join(snapshot["send_to"]), size=13)
    bottom = _para(doc, "", size=2)
    _rule(bottom, color="000000", size=8)
    _para(doc, snapshot["foot"], size=13, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
