"""The published issue's PDF and DOCX, opened and read back."""

import io
import os
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from wenming.briefings import actions
from wenming.points.importing import import_events
from wenming.testing.factories import shanghai

from . import seed004
from .factories import articles_section, draft_issue, office, submit

pytestmark = pytest.mark.django_db

BODY = (
    "<p>今年以来，溧阳市注重以新时代文明实践志愿服务平台为载体，着力构建数字化工作矩阵。</p>"
    "<p><strong>搭建全域化数字平台。</strong>全面升级志愿服务平台，规范注册流程。</p>"
    "<script>alert(1)</script><p onclick='x()'>推进项目化运行机制。</p>"
)


@pytest.fixture
def published(personas, tmp_path):
    o = office(personas)
    path = tmp_path / "seed.jsonl"
    seed004.write(path)
    assert import_events(path).ok
    issue = draft_issue(personas, year=2022, number=37, on=date(2022, 12, 28))
    for title in ("文明实践进万家", "溧阳市：志愿服务矩阵"):
        actions.adopt(submit(personas, title=title, body=BODY), issue, articles_section(issue), actor=o.editor,
                      at=shanghai(2022, 12, 20, 10, 0))
    actions.sign_off(issue, actor=o.reviewer)
    return actions.publish(issue, actor=o.editor)


def _pdf_text(issue) -> str:
    issue.pdf.open("rb")
    reader = PdfReader(io.BytesIO(issue.pdf.read()))
    issue.pdf.close()
    keep = os.environ.get("WENMING_KEEP_FILES")  # a directory: keep the files to look at them
    if keep:
        for field, name in ((issue.pdf, "briefing.pdf"), (issue.docx, "briefing.docx")):
            field.open("rb")
            (Path(keep) / name).write_bytes(field.read())
            field.close()
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_pdf_has_masthead_table_and_distribution(published):
    text, reader = _pdf_text(published)
    flat = text.replace(" ", "").replace("\n", "")
    assert "工作资料注意保存" in flat
    assert "江苏精神文明建设简报" in flat
    assert "第37期" in flat
    assert "江苏省文明办" in flat and "2022年12月28日" in flat
    assert "【工作交流】" in flat and "溧阳市：文明实践进万家" in flat
    # The adoption table: 95 pieces this time (the seed's 93 and the two just adopted, both 常州市 county level).
    assert "(共95篇)" in flat.replace("（", "(").replace("）", ")")
    assert "苏州市510" in flat and "常州市14" in flat and "南京市74" in flat
    assert "省审计系统1、省交通运输系统1" in flat
    assert "发：各设区市、县（市、区）文明委、文明办；省文明委成员单位" in flat
    assert "苏简字1004号共印400份" in flat
    assert "alert" not in flat
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 portrait
    fonts = set()
    for p in reader.pages:
        for font in (p["/Resources"].get("/Font") or {}).values():
            descriptor = font.get_object().get("/FontDescriptor") or font.get_object()["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in name for name in fonts), fonts


def test_docx_has_masthead_table_and_distribution(published):
    published.docx.open("rb")
    doc = Document(io.BytesIO(published.docx.read()))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "工作资料 注意保存"
    title = doc.paragraphs[1]
    assert title.text == "江苏精神文明建设简报" and title.runs[0].font.color.rgb == (0xC0, 0, 0)
    assert "第 37 期" in paragraphs
    assert any(p.startswith("江苏省文明办") and p.endswith("2022 年 12 月 28 日") for p in paragraphs)
    assert "【工作交流】" in paragraphs and "溧阳市：志愿服务矩阵" in [p.strip() for p in paragraphs]
    table = doc.tables[0]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows}
    assert rows["苏州市"] == ["苏州市", "5", "10"]
    assert rows["常州市"] == ["常州市", "1", "4"]
    assert rows["综合稿件"][1] == "3"
    assert rows["文明行业"][1] == "省审计系统 1、省交通运输系统 1"
    assert "发：各设区市、县（市、区）文明委、文明办；省文明委成员单位" in paragraphs
    assert "报：中央文明办" in paragraphs
    assert paragraphs[-1] == "（苏简字1004号 共印 400 份）"
    body = "\n".join(paragraphs)
    assert "搭建全域化数字平台。" in body and "alert" not in body
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_published_issue_is_frozen(published, personas):
    o = office(personas)
    before = published.snapshot
    with pytest.raises(actions.BriefingError, match="已印发"):
        actions.adopt(submit(personas, title="晚到的稿件"), published, articles_section(published), actor=o.editor)
    with pytest.raises(actions.BriefingError, match="已印发"):
        actions.update_briefing(published, actor=o.editor, print_run=500)
    published.refresh_from_db()
    assert published.snapshot == before and published.print_run == 400
