"""Every xlsx and csv goes through ``core.sheets``: no other module builds a workbook or a csv writer."""

import re
from pathlib import Path

import wenming

ROOT = Path(wenming.__file__).parent
DIRECT = re.compile(r"\bWorkbook\(|\bcsv\.writer\(|\bcsv\.DictWriter\(")


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or relative == "core/sheets.py":
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_no_module_but_core_sheets_writes_workbooks_or_csv_directly():
    offenders = [
        f"{relative}:{number}: {line.strip()}"
        for relative, text in _sources()
        for number, line in enumerate(text.splitlines(), start=1)
        if DIRECT.search(line)
    ]
    assert offenders == []


def test_the_scan_sees_the_apps():
    scanned = {relative for relative, _text in _sources()}
    assert {"assessment/bulletins.py", "assessment/management/commands/assess.py",
            "points/management/commands/points.py"} <= scanned
