"""What a manuscript may carry: rich text through an allow-list sanitiser, files judged by content.

Bodies go through ``nh3`` (the Rust ``ammonia`` sanitiser): only the tags and attributes listed in
``choices`` survive, links get ``rel="noopener noreferrer"``, and every URL scheme but http(s) and
mailto is dropped. Attachments are recognised by their magic bytes (``filetype``) and must agree with
the extension they were sent with; images are re-encoded (participation's ``clean_image``), Word
files must open as a document. Main has no shared ``check_document`` yet, hence this module.
"""

import io
import os
import uuid
import zipfile

import filetype
import nh3
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from .choices import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    ATTACHMENT_MAX_BYTES,
    AttachmentKind,
)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The extensions each kind may be sent with, and the content types that prove it.
KINDS = {
    AttachmentKind.IMAGE: ({".jpg", ".jpeg", ".png", ".gif", ".webp"}, {"image/jpeg", "image/png", "image/gif", "image/webp"}),
    AttachmentKind.PDF: ({".pdf"}, {"application/pdf"}),
    AttachmentKind.DOCX: ({".docx"}, {DOCX_MIME, "application/zip"}),
}


def clean_body(html: str) -> str:
    """The body with everything outside the allow-list removed (text is kept, escaped)."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    ).strip()


def _kind_of_extension(name: str) -> str | None:
    ext = os.path.splitext(name)[1].lower()
    for kind, (extensions, _mimes) in KINDS.items():
        if ext in extensions:
            return kind
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def check_attachment(upload) -> tuple[ContentFile, str, str]:
    """Return (the file to store, its kind, the name it was sent with) or raise ValidationError."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    kind = _kind_of_extension(name)
    if kind is None:
        raise ValidationError(_("“%(name)s”的格式不支持，请上传 Word（.docx）、PDF 或图片") % {"name": name})
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s”超过 %(limit)sMB") % {"name": name, "limit": ATTACHMENT_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    guessed = filetype.guess(data)
    mime = guessed.mime if guessed else ""
    _extensions, mimes = KINDS[kind]
    if mime not in mimes or (kind == AttachmentKind.DOCX and not _is_docx(data)):
        raise ValidationError(_("“%(name)s”的内容与文件类型不符，请上传真实的文件") % {"name": name})
    if kind == AttachmentKind.IMAGE:
        from wenming.participation.uploads import clean_image

        upload.seek(0)
        return clean_image(upload), kind, name
    ext = ".pdf" if kind == AttachmentKind.PDF else ".docx"
    return ContentFile(data, name=f"{uuid.uuid4().hex}{ext}"), kind, name
