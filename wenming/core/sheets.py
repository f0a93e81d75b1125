"""The one spreadsheet writer: every xlsx and csv the platform produces goes through here.

Two promises, whatever the caller passes:

- **User text stays text.** A unit name or a title that starts with ``=``, ``+``, ``-``, ``@`` (or a
  tab or carriage return, which some spreadsheet programs strip before reading a formula) is never
  written as a live formula. In xlsx the cell is stored as a string and marked with Excel's quote
  prefix; in csv the value gets a leading apostrophe, the convention spreadsheet programs honour.
- **Numbers are exact.** ``Decimal`` is written as the decimal it is (``69.65``, never
  ``69.65000000000001``); floats are refused so binary artefacts cannot creep in unnoticed.

Formulas the platform writes itself (a SUM row) are passed as :class:`Formula`, the only way to get one.
"""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from wenming.core.periods import to_local

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Formula:
    """A formula the platform wrote on purpose, e.g. ``Formula("=SUM(C4:C30)")``."""

    text: str

    def __post_init__(self):
        if not self.text.startswith("="):
            raise ValueError("a formula starts with '='")


def is_formula_like(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_TRIGGERS)


def _illegal_free(text: str) -> str:
    # openpyxl refuses the control characters XML 1.0 cannot hold; drop them rather than fail an export.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _exact_string(value):
    """openpyxl's number-to-text, but a Decimal keeps its own digits.

    openpyxl formats every number with ``"%.16g"``, which goes through a binary float and turns
    69.65 into 69.65000000000001. Its cell writer looks the function up in its module, so the
    writer is given this one once, on first use; a test reads the saved XML to hold it to that.
    """
    if isinstance(value, Decimal):
        return format(value, "f")
    return _openpyxl_safe_string(value)


_openpyxl_safe_string = None


def _install_exact_decimals() -> None:
    global _openpyxl_safe_string
    from openpyxl.cell import _writer

    if _writer.safe_string is not _exact_string:
        _openpyxl_safe_string = _writer.safe_string
        _writer.safe_string = _exact_string


def _exact(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return value


def xlsx_value(value: Any) -> Any:
    """``value`` as openpyxl should store it; text is handled by :func:`set_cell` (it needs the cell)."""
    if value is None or isinstance(value, bool | int | Decimal | Formula):
        return _exact(value) if isinstance(value, Decimal) else value
    if isinstance(value, float):
        raise TypeError("write Decimal, not float: binary floats are not exact")
    if isinstance(value, datetime):
        return to_local(value).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    return _illegal_free(str(value))


def set_cell(ws, row: int, column: int, value: Any):
    """Write one cell of worksheet ``ws`` safely and return it (for styling)."""
    value = xlsx_value(value)
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Formula):
        cell.value = value.text
    elif isinstance(value, str):
        cell.value = value
        # Assigning a str beginning with "=" makes openpyxl store a formula: force plain text.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def append_row(ws, values: Iterable[Any]) -> int:
    """Append a row to ``ws`` through :func:`set_cell`; returns its row number."""
    row = ws.max_row + 1 if (ws.max_row > 1 or ws.cell(1, 1).value is not None) else 1
    for column, value in enumerate(values, start=1):
        set_cell(ws, row, column, value)
    return row


def new_workbook():
    """An empty workbook whose first sheet is kept (callers rename it)."""
    from openpyxl import Workbook

    _install_exact_decimals()
    return Workbook()


def workbook_bytes(wb) -> bytes:
    _install_exact_decimals()
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class Sheet:
    """A plain table: a title, a header row and data rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] | None = None


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """Plain tables as one workbook, bold header, frozen under it."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = new_workbook()
    for index, sheet in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = _illegal_free(sheet.title)[:31] or f"Sheet{index + 1}"
        append_row(ws, sheet.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            append_row(ws, row)
        ws.freeze_panes = "A2"
        for column, width in enumerate(sheet.widths or (), start=1):
            ws.column_dimensions[get_column_letter(column)].width = width
    return workbook_bytes(wb)


def csv_value(value: Any) -> str:
    """``value`` as csv text: exact decimals, local times, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        raise TypeError("write Decimal, not float: binary floats are not exact")
    if isinstance(value, Decimal):
        return format(_exact(value), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return (to_local(value) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text


class CsvWriter:
    """``csv.writer`` with every value passed through :func:`csv_value`."""

    def __init__(self, stream, *, lineterminator: str = "\n"):
        self._writer = csv.writer(stream, lineterminator=lineterminator)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([csv_value(v) for v in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
