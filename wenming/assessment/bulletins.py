"""Monthly bulletins (每月通报): the document's numbers as plain data, and its Excel and PDF renderings.

``build(scheme, month)`` gathers the live numbers into a JSON-able dict; a published bulletin
stores exactly that dict, and both renderers read only it, so a published file is reproducible.
Decimals travel as strings (exact), counts as ints.
"""

from datetime import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.numbers import plain
from wenming.core.periods import Month, to_local
from wenming.core.sheets import Formula, append_row, new_workbook, set_cell, workbook_bytes

from .choices import SchemeKind
from .models import Scheme

INT, DEC, PCT, TEXT = "int", "decimal", "percent", "text"
# Columns whose total is meaningful (ranks, percentages and texts are not added up).
SUMMED = {INT, DEC}
NOT_SUMMED = {"rank", "required"}


class BulletinError(Exception):
    """Bad input for a bulletin: the message is for the person who asked."""


def check_month(month: Month, *, now: datetime | None = None) -> None:
    current = Month.of(now or timezone.now())
    if month > current:
        raise BulletinError(_("%(month)s 是将来的月份，不能生成通报。") % {"month": month})


def _dec(value) -> str | None:
    return None if value is None else plain(value)


def _rule_labels(scheme: Scheme) -> dict[str, str]:
    """Rule names from the scheme file's rule sets, so columns read 规则1… rather than ids."""
    from .schemes import SchemeError, read_scheme_file

    try:
        data = read_scheme_file(scheme.slug)
    except SchemeError:
        return {}
    labels = {}
    for ruleset in data.get("rulesets", []):
        for rule in ruleset.get("rules", []):
            if rule.get("id"):
                labels[rule["id"]] = rule.get("label") or rule.get("name") or rule["id"]
    return labels


def _liyang(scheme: Scheme, month: Month) -> tuple[list[dict], list[dict]]:
    from .liyang import month_rows

    rows = month_rows(scheme, month)
    rule_ids = sorted({rule for r in rows for rule in r.breakdown})
    labels = _rule_labels(scheme)
    columns = [
        {"key": "rank", "label": _("排名"), "type": INT},
        {"key": "unit", "label": _("单位"), "type": TEXT},
        {"key": "points", "label": _("积分"), "type": DEC},
        *({"key": f"rule:{r}", "label": labels.get(r, r), "type": DEC} for r in rule_ids),
        {"key": "followers", "label": _("粉丝数"), "type": INT},
        {"key": "target", "label": _("年度目标"), "type": TEXT},
        {"key": "required", "label": _("目标人数"), "type": INT},
        {"key": "percent", "label": _("完成率"), "type": PCT},
        {"key": "active", "label": _("活跃用户"), "type": INT},
        {"key": "active_rate", "label": _("活跃率"), "type": PCT},
        {"key": "submitted", "label": _("投稿数"), "type": INT},
        {"key": "accepted", "label": _("录用投稿"), "type": INT},
        {"key": "declared", "label": _("申报直播"), "type": INT},
        {"key": "held", "label": _("举办直播"), "type": INT},
        {"key": "gaps", "label": _("职责未完成"), "type": TEXT},
    ]
    out = []
    for r in rows:
        values = {
            "rank": r.rank,
            "unit": r.unit.name,
            "points": _dec(r.points),
            "followers": r.followers,
            "target": r.target_text,
            "required": r.required,
            "percent": _dec(r.percent),
            "active": r.active,
            "active_rate": _dec(r.active_rate),
            "submitted": r.submitted,
            "accepted": r.accepted,
            "declared": r.declared,
            "held": r.held,
            "gaps": "；".join(r.gaps),
        }
        for rule in rule_ids:
            values[f"rule:{rule}"] = _dec(r.breakdown.get(rule, Decimal(0)))
        out.append({"unit_id": r.unit.pk, "rank": r.rank, "unit": r.unit.name, "values": values, "gaps": r.gaps})
    return columns, out


def _items(scheme: Scheme, month: Month) -> tuple[list[dict], list[dict]]:
    from .liyang import rank_rows
    from .luoyang import assess_year
    from .models import Item

    items = list(Item.objects.filter(scheme=scheme).order_by("number"))
    results = assess_year(scheme, month.year, until=month.end)
    rank_rows(results, lambda r: r.total)
    columns = [
        {"key": "rank", "label": _("排名"), "type": INT},
        {"key": "unit", "label": _("单位"), "type": TEXT},
        {"key": "points", "label": _("本年累计得分"), "type": DEC},
        *({"key": f"item:{i.number}", "label": _("第%(n)s项") % {"n": i.number}, "type": DEC} for i in items),
        {"key": "bonus", "label": _("网络传播加分"), "type": DEC},
        {"key": "republished", "label": _("网站转载"), "type": INT},
        {"key": "gaps", "label": _("待评分项目"), "type": TEXT},
    ]
    out = []
    for r in results:
        pending = "、".join(str(n) for n in r.pending_quality)
        values = {
            "rank": r.rank,
            "unit": r.unit.name,
            "points": _dec(r.total),
            "bonus": _dec(r.bonus),
            "republished": r.republished,
            "gaps": pending,
        }
        for number, score in r.items.items():
            values[f"item:{number}"] = _dec(score)
        gaps = [_("待评分：第%(items)s项") % {"items": pending}] if pending else []
        out.append({"unit_id": r.unit.pk, "rank": r.rank, "unit": r.unit.name, "values": values, "gaps": gaps})
    return columns, out


def build(scheme: Scheme, month: Month, *, now: datetime | None = None) -> dict:
    """The bulletin for ``month`` as plain data (live numbers)."""
    check_month(month, now=now)
    if scheme.kind == SchemeKind.ITEMS:
        columns, rows = _items(scheme, month)
    else:
        columns, rows = _liyang(scheme, month)
    totals = {}
    for col in columns:
        if col["type"] in SUMMED and col["key"] not in NOT_SUMMED:
            if col["type"] == INT:
                totals[col["key"]] = sum(int(r["values"].get(col["key"]) or 0) for r in rows)
            else:
                totals[col["key"]] = plain(sum((Decimal(r["values"].get(col["key"]) or 0) for r in rows), Decimal(0)))
    return {
        "scheme": {"slug": scheme.slug, "name": scheme.name, "kind": scheme.kind},
        "month": str(month),
        "title": _("%(scheme)s %(year)s年%(month)s月通报")
        % {"scheme": scheme.name, "year": month.year, "month": month.month},
        "generated_at": to_local(now or timezone.now()).isoformat(timespec="seconds"),
        "columns": columns,
        "rows": rows,
        "totals": totals,
        "has_followers": scheme.kind != SchemeKind.ITEMS,
    }


def cell_value(col: dict, raw):
    """A stored value as the number a spreadsheet should hold (Decimal/int), or text."""
    if raw is None or raw == "":
        return None
    if col["type"] in (DEC, PCT):
        return Decimal(str(raw))
    if col["type"] == INT:
        return int(raw)
    return str(raw)


def display_rows(data: dict) -> list[list]:
    """Rows as lists of display strings, in column order (for pages and the PDF)."""
    out = []
    for row in data["rows"]:
        cells = []
        for col in data["columns"]:
            value = cell_value(col, row["values"].get(col["key"]))
            if value is None:
                cells.append("—" if col["type"] != TEXT else "")
            elif col["type"] == PCT:
                cells.append(f"{plain(value)}%")
            elif col["type"] == DEC:
                cells.append(plain(value))
            else:
                cells.append(str(value))
        out.append(cells)
    return out


def display_totals(data: dict) -> list[str]:
    cells = []
    for index, col in enumerate(data["columns"]):
        if index == 0:
            cells.append(_("合计"))
        elif col["key"] in data["totals"]:
            cells.append(plain(Decimal(str(data["totals"][col["key"]]))))
        else:
            cells.append("")
    return cells


def render_xlsx(data: dict, *, version: int | None = None) -> bytes:
    """The bulletin as an Excel workbook: real numbers, A4 landscape, and the two bar charts.

    Every cell goes through ``core.sheets``: unit names and gap texts stay text whatever they start
    with, and decimals keep their digits (69.65, not 69.65000000000001).
    """
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = new_workbook()
    ws = wb.active
    ws.title = _("通报")
    columns = data["columns"]
    ncols = len(columns)
    title = data["title"] + (_("（第%(v)s版）") % {"v": version} if version else "")
    set_cell(ws, 1, 1, title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    set_cell(ws, 2, 1, _("生成时间：%(at)s") % {"at": data["generated_at"]})
    header_row = 3
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, col in enumerate(columns, start=1):
        cell = set_cell(ws, header_row, index, col["label"])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5F0")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
    formats = {DEC: "0.00", PCT: '0.00"%"', INT: "0"}
    for r_index, row in enumerate(data["rows"], start=header_row + 1):
        for c_index, col in enumerate(columns, start=1):
            cell = set_cell(ws, r_index, c_index, cell_value(col, row["values"].get(col["key"])))
            cell.border = border
            if col["type"] in formats:
                cell.number_format = formats[col["type"]]
            elif col["key"] == "gaps":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    first, last = header_row + 1, header_row + len(data["rows"])
    total_row = last + 1
    set_cell(ws, total_row, 1, _("合计")).font = Font(bold=True)
    for c_index, col in enumerate(columns, start=1):
        if col["key"] in data["totals"] and data["rows"]:
            letter = get_column_letter(c_index)
            # A formula keeps the total right if someone corrects a cell before printing.
            cell = set_cell(ws, total_row, c_index, Formula(f"=SUM({letter}{first}:{letter}{last})"))
            cell.number_format = formats.get(col["type"], "General")
            cell.font = Font(bold=True)
    for c_index, col in enumerate(columns, start=1):
        width = {"unit": 22, "gaps": 40, "target": 18}.get(col["key"], 10)
        ws.column_dimensions[get_column_letter(c_index)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4

    if data["rows"]:
        keys = [c["key"] for c in columns]
        unit_col = keys.index("unit") + 1
        cats = Reference(ws, min_col=unit_col, min_row=first, max_row=last)
        chart = BarChart()
        chart.type = "bar"
        chart.title = _("各单位积分")
        points_col = keys.index("points") + 1
        chart.add_data(Reference(ws, min_col=points_col, min_row=header_row, max_row=last), titles_from_data=True)
        chart.set_categories(cats)
        chart.height, chart.width = max(7.5, 0.6 * len(data["rows"])), 16
        anchor_row = total_row + 3
        ws.add_chart(chart, f"A{anchor_row}")
        if data.get("has_followers"):
            fans = BarChart()
            fans.type = "bar"
            fans.title = _("粉丝数与目标")
            for key in ("followers", "required"):
                col = keys.index(key) + 1
                fans.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=last), titles_from_data=True)
            fans.set_categories(cats)
            fans.height, fans.width = chart.height, 16
            ws.add_chart(fans, f"J{anchor_row}")

    gaps = wb.create_sheet(_("职责提醒"))
    append_row(gaps, [_("单位"), _("事项")])
    for row in data["rows"]:
        for gap in row["gaps"]:
            append_row(gaps, [row["unit"], gap])
    gaps.column_dimensions["A"].width = 24
    gaps.column_dimensions["B"].width = 60
    gaps.page_setup.paperSize = gaps.PAPERSIZE_A4
    return workbook_bytes(wb)


def _percent_of(value, top) -> Decimal:
    """A bar's width in percent of the largest bar, one decimal (exact, for the PDF's CSS)."""
    return (Decimal(value) * 100 / Decimal(top)).quantize(Decimal("0.1"))


def chart_bars(data: dict) -> list[dict]:
    """Bar widths (percent of the largest value) for the PDF's charts."""
    rows = data["rows"]
    points = [Decimal(str(r["values"].get("points") or 0)) for r in rows]
    top = max([p for p in points if p > 0], default=Decimal(1))
    bars = []
    fans_top = max([int(r["values"].get("followers") or 0) for r in rows] +
                   [int(r["values"].get("required") or 0) for r in rows] + [1])
    for row, p in zip(rows, points, strict=True):
        followers = int(row["values"].get("followers") or 0)
        required = int(row["values"].get("required") or 0)
        bars.append(
            {
                "unit": row["unit"],
                "points": plain(p),
                "width": _percent_of(max(p, Decimal(0)), top),
                "followers": followers,
                "required": required,
                "followers_width": _percent_of(followers, fans_top),
                "required_width": _percent_of(required, fans_top),
            }
        )
    return bars


def render_pdf(data: dict, *, version: int | None = None) -> bytes:
    """The bulletin as an A4 PDF with the Chinese font embedded (Noto CJK through fontconfig)."""
    from weasyprint import HTML

    html = render_to_string(
        "assessment/bulletin_pdf.html",
        {
            "data": data,
            "version": version,
            "header": [c["label"] for c in data["columns"]],
            "rows": display_rows(data),
            "totals": display_totals(data),
            "bars": chart_bars(data),
            "gap_rows": [(r["unit"], g) for r in data["rows"] for g in r["gaps"]],
        },
    )
    return HTML(string=html).write_pdf()
