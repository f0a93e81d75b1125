"""Fill empty English msgstr entries from the TSV glossaries in scripts/glossary/ (Chinese<TAB>English).

Usage: python scripts/fill_po.py wenming/locale/en/LC_MESSAGES/django.po scripts/glossary
Each app keeps its own glossary file so parallel work never edits the same one.
Only single-line msgids are filled; entries already translated are left alone.
"""

import re
import sys
from pathlib import Path


def main(po_path: str, glossary_dir: str) -> None:
    glossary = {}
    for path in sorted(Path(glossary_dir).glob("*.tsv")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if "\t" in line and not line.startswith("#"):
                    zh, en = line.rstrip("\n").split("\t", 1)
                    glossary[zh] = en
    text = open(po_path, encoding="utf-8").read()

    def unquote(block: str) -> str:
        parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
        return "".join(parts).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")

    def quote(value: str) -> str:
        return value.replace("\\", "\\\\").replace('"', '\\"')

    def fill(match: re.Match) -> str:
        block = match.group(1)
        en = glossary.get(unquote(block))
        if en is None:
            return match.group(0)
        return f'msgid {block}msgstr "{quote(en)}"\n'

    # An untranslated entry: a msgid of one or more quoted lines followed by an empty msgstr.
    text = re.sub(r'msgid ((?:"(?:[^"\\]|\\.)*"\n)+)msgstr ""\n(?!")', fill, text)
    text = text.replace("#, fuzzy\n", "", 1)
    open(po_path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main(*sys.argv[1:3])
