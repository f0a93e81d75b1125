"""Real files for upload tests: each is what its name says (or, for the hostile ones, exactly not).

Audio and video are written box by box or through the standard library (``wave``), so a test needs
no encoder; images come from Pillow, Word files from ``zipfile`` with the parts Word itself writes.
"""

import io
import wave
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def image_bytes(fmt: str = "PNG", size=(40, 30), color=(200, 30, 30), mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color if mode == "RGB" else 0).save(buf, fmt)
    return buf.getvalue()


def mp4_bytes(brand: bytes = b"isom") -> bytes:
    """An ISO base media file: ``ftyp`` (``qt  `` for QuickTime), an empty ``moov`` and a small ``mdat``."""
    compatible = brand + (b"iso2mp41" if brand == b"isom" else b"")
    return _box(b"ftyp", brand + b"\x00\x00\x02\x00" + compatible) + _box(b"moov", b"") + _box(b"mdat", b"\x00" * 256)


def wav_bytes(frames: int = 800) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * frames)
    return buf.getvalue()


def mp3_bytes() -> bytes:
    """An ID3v2 tag followed by MPEG-1 Layer III frame headers (silence)."""
    frame = b"\xff\xfb\x90\x64" + b"\x00" * 413
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + frame * 4


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buf.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
