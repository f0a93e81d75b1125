"""The allow-list sanitiser keeps formatting and drops everything else; files are judged by content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wenming.briefings.content import check_attachment, clean_body

from .factories import docx_upload, pdf_upload, png_upload


def test_formatting_kept_and_active_content_dropped():
    html = ('<h2>标题</h2><p style="color:red" onclick="x()">段落<strong>加粗</strong>'
            '<a href="https://example.org" target="_blank">链接</a><a href="javascript:alert(1)">坏</a></p>'
            '<iframe src="https://evil"></iframe><img src="x" onerror="y()"><style>p{}</style>')
    cleaned = clean_body(html)
    assert "<h2>标题</h2>" in cleaned and "<strong>加粗</strong>" in cleaned
    assert 'href="https://example.org"' in cleaned and 'rel="noopener noreferrer"' in cleaned
    for bad in ("onclick", "style", "javascript", "iframe", "onerror", "target"):
        assert bad not in cleaned


@pytest.mark.parametrize("upload,kind", [(png_upload, "image"), (docx_upload, "docx"), (pdf_upload, "pdf")])
def test_real_files_accepted_and_renamed(upload, kind):
    content, found, name = check_attachment(upload())
    assert found == kind and content.name != name and content.size > 0


def test_a_renamed_file_and_an_oversized_one_are_refused(settings):
    png = png_upload("报告.docx")
    with pytest.raises(ValidationError, match="内容与文件类型不符"):
        check_attachment(png)
    big = SimpleUploadedFile("大.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="超过 10MB"):
        check_attachment(big)
