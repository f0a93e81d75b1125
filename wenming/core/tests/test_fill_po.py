"""scripts/fill_po.py: the English catalogue filled from the glossaries, never from msgmerge's guesses."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CATALOGUE = '''# header
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: honors/forms.py:1
#, fuzzy, python-format
#| msgid "分数须在0到100之间。"
msgid "权重须在0到1之间。"
msgstr "Scores must be between 0 and 100."

#: honors/forms.py:2
#, fuzzy
msgid ""
"没有词条的"
"新文字"
msgstr ""
"A wrong "
"guess"

msgid "已有译文"
msgstr "Already translated"
'''


def test_guesses_are_replaced_by_the_glossary_or_left_empty(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(CATALOGUE, encoding="utf-8")
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "honors.tsv").write_text("权重须在0到1之间。\tWeights must be between 0 and 1.\n", encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "fill_po.py"), str(po), str(glossary)], check=True)
    text = po.read_text(encoding="utf-8")
    assert "fuzzy" not in text and "#|" not in text
    assert 'msgid "权重须在0到1之间。"\nmsgstr "Weights must be between 0 and 1."' in text
    assert "#, python-format" in text
    assert '"新文字"\nmsgstr ""\n\n' in text  # no glossary entry: untranslated, not the wrong guess
    assert "guess" not in text and "Scores" not in text
    assert 'msgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"' in text  # the header kept
    assert 'msgstr "Already translated"' in text
