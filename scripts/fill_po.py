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

    text = "\n\n".join(clear_guess(entry) for entry in text.split("\n\n"))
    # An untranslated entry: a msgid of one or more quoted lines followed by an empty msgstr.
    text = re.sub(r'msgid ((?:"(?:[^"\\]|\\.)*"\n)+)msgstr ""\n(?!")', fill, text)
    open(po_path, "w", encoding="utf-8").write(text)


def clear_guess(entry: str) -> str:
    """Drop the fuzzy mark of an entry, and with it msgmerge's guess.

    For a new string msgmerge copies the translation of the most similar old one and marks it
    fuzzy; such a guess is usually wrong ("Scores must be between 0 and 100." for a weight), so it
    is emptied for the glossary to fill. The header's fuzzy mark goes and its text stays.
    """
    lines = entry.split("\n")
    flags = next((i for i, line in enumerate(lines) if line.startswith("#,")), None)
    if flags is None or "fuzzy" not in [f.strip() for f in lines[flags][2:].split(",")]:
        return entry
    rest = [f.strip() for f in lines[flags][2:].split(",") if f.strip() != "fuzzy"]
    kept = [line for i, line in enumerate(lines) if i != flags and not line.startswith("#|")]
    if rest:
        kept.insert(flags, "#, " + ", ".join(rest))
    if 'msgid ""' in kept and kept.index('msgid ""') + 1 < len(kept) and kept[kept.index('msgid ""') + 1] == 'msgstr ""':
        return "\n".join(kept)  # the header: msgid "" followed by its metadata
    out, in_msgstr = [], False
    for line in kept:
        if line.startswith("msgstr"):
            in_msgstr = True
            out.append(line.split(" ", 1)[0] + ' ""')
        elif in_msgstr and line.startswith('"'):
            continue  # a continuation line of the guessed translation
        else:
            in_msgstr = False
            out.append(line)
    return "\n".join(out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
