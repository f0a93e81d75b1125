"""The registration form (网络精神文明建设队伍登记表) as a workbook, out and back in.

Out: the seed's own layout — title, the seal line, the header, one block per role with its label
merged down the first column, "/" where the role has no blog or microblog, extra rows as needed,
the note. Cell values go through ``core.sheets`` (a name starting with ``=`` stays text); layout
and merges are openpyxl's.

In: that form filled in (the role read from the merged first column) or a flat sheet with a
``角色`` column (several roles separated by 、). Header names are matched loosely ("姓  名").
"""

import re

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from wenming.core.sheets import new_workbook, set_cell, workbook_bytes

from .choices import FORM_BLOCK_ROWS, ROLES_WITHOUT_ACCOUNTS, TeamRole

TITLE = "网络精神文明建设队伍登记表"
NOTE = "备注：模板供参考，具体人数可视实际另行加页。"
HEADER = ["", "姓  名", "单位", "手机号码", "微信号", "博客(新华网和新浪网）", "微博（腾讯和新浪）"]
NO_FIELD = "/"
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Header text (spaces and brackets dropped) → field, by prefix.
COLUMNS = [("姓名", "name"), ("单位", "unit_name"), ("手机", "mobile"), ("微信", "wechat_id"),
           ("博客", "blog"), ("微博", "microblog"), ("角色", "roles")]


class SheetError(Exception):
    """The file cannot be read as a registration form (message in Chinese)."""


def roster_workbook(county, members_by_role: dict[str, list], *, reveal) -> bytes:
    """``members_by_role``: role → members in order; ``reveal(member)`` says whether the mobile shows whole."""
    wb = new_workbook()
    ws = wb.active
    ws.title = _("登记表")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    set_cell(ws, 1, 1, TITLE).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    set_cell(ws, 2, 1, f"单位名称（盖章）：{county.name}")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=7)
    for column, text in enumerate(HEADER, start=1):
        cell = set_cell(ws, 3, column, text)
        cell.font, cell.border = Font(bold=True), box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = 4
    for role, label in TeamRole.choices:
        members = members_by_role.get(role, [])
        height = max(FORM_BLOCK_ROWS[role], len(members))
        set_cell(ws, row, 1, str(label))
        for offset in range(height):
            member = members[offset] if offset < len(members) else None
            values = ["", "", "", "", "", ""]
            if member is not None:
                mobile = member.mobile if reveal(member) else member.masked_mobile
                values = [member.name, member.unit_name, mobile, member.wechat_id, member.blog, member.microblog]
            if role in ROLES_WITHOUT_ACCOUNTS:
                values[4] = values[5] = NO_FIELD
            for column, value in enumerate(values, start=2):
                set_cell(ws, row + offset, column, value).border = box
            ws.cell(row + offset, 1).border = box
        if height > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row + height - 1, end_column=1)
        ws.cell(row, 1).alignment = Alignment(vertical="center", horizontal="center", wrap_text=True)
        row += height
    set_cell(ws, row + 1, 1, NOTE)
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=7)
    for letter, width in zip("ABCDEFG", (14, 10, 22, 14, 16, 26, 26), strict=True):
        ws.column_dimensions[letter].width = width
    ws.print_options.horizontalCentered = True
    return workbook_bytes(wb)


def _norm(value) -> str:
    return re.sub(r"[\s（）()]+", "", str(value or ""))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a mobile typed as a number
    return str(value).strip()


def read_roster(upload) -> list[tuple[int, dict]]:
    """[(row number, {field: text})] of every non-empty person row of the first sheet."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise SheetError(_("文件过大（最大 5MB）"))
    try:
        upload.seek(0)
        wb = load_workbook(upload, data_only=True)
    except Exception:  # any file a person uploads may be broken in any way: it is "cannot be read", never a 500
        raise SheetError(_("文件无法读取：请上传 .xlsx 格式的登记表")) from None
    ws = wb.worksheets[0]
    header_row, columns = None, {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10)):
        found = {}
        for cell in row:
            text = _norm(cell.value)
            for prefix, name in COLUMNS:
                if text.startswith(prefix) and name not in found.values():
                    found[cell.column] = name
                    break
        if "name" in found.values() and "mobile" in found.values():
            header_row, columns = row[0].row, found
            break
    if header_row is None:
        raise SheetError(_("找不到表头：需要“姓名”和“手机号码”两列"))
    flat = "roles" in columns.values()
    if ws.max_row - header_row > MAX_ROWS:
        raise SheetError(_("行数过多（最多 %(n)s 行）") % {"n": MAX_ROWS})
    rows, role = [], ""
    for row in ws.iter_rows(min_row=header_row + 1):
        first = _text(row[0].value) if row else ""
        if first.startswith("备注"):
            break
        if not flat and first:
            role = first  # merged cells read as empty below their first row: the block's role carries on
        data = {name: _text(row[col - 1].value) if col - 1 < len(row) else "" for col, name in columns.items()}
        if not flat:
            data["roles"] = role
        if not any(v for k, v in data.items() if k != "roles" and v != NO_FIELD):
            continue
        rows.append((row[0].row, data))
    return rows
