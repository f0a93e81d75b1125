"""Chinese text in Word files: a run's font is set for East Asian text as well as Latin.

Word picks the ``w:eastAsia`` font for CJK characters; setting only ``run.font.name`` leaves it to
fall back to a font without Chinese, so every DOCX the platform writes sets both through here.
"""

SERIF = "Noto Serif CJK SC"


def set_font(run, *, size=None, bold=None, color=None, family=SERIF):
    """Style ``run`` (a python-docx Run) and return it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = family
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), family)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run
