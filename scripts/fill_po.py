"""Fill empty English msgstr entries from a TSV glossary (Chinese<TAB>English).

Usage: python scripts/fill_po.py wenming/locale/en/LC_MESSAGES/django.po scripts/en_glossary.tsv
Only single-line msgids are filled; entries already translated are left alone.
"""

import re
import sys


def main(po_path: str, glossary_path: str) -> None:
    glossary = {}
    with open(glossary_path, encoding="utf-8") as fh:
        for line in fh:
            if "\t" in line and not line.startswith("#"):
                zh, en = line.rstrip("\n").split("\t", 1)
                glossary[zh] = en
    text = open(po_path, encoding="utf-8").read()

    def fill(match: re.Match) -> str:
        msgid = match.group(1)
        en = glossary.get(msgid)
        if en is None:
            return match.group(0)
        return f'msgid "{msgid}"\nmsgstr "{en}"'

    text = re.sub(r'msgid "((?:[^"\\]|\\.)+)"\nmsgstr ""(?!\n")', fill, text)
    text = text.replace("#, fuzzy\n", "", 1)
    open(po_path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main(*sys.argv[1:3])
