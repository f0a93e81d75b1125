"""Upload checks: files judged by their bytes, images bounded in cost, every name random."""

import io
import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from wenming.core import uploads
from wenming.testing import files


def _png_declaring(width: int, height: int) -> bytes:
    """A real 1×1 PNG whose header is rewritten to declare ``width``×``height`` (a decompression bomb)."""
    data = bytearray(files.image_bytes("PNG", size=(1, 1)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


@pytest.fixture
def loads(monkeypatch):
    """Counts full decodes of any image."""
    calls = []
    original = ImageFile.ImageFile.load

    def counting(self):
        if self.tile:  # pixels still to decode (a second load() of a loaded image is free)
            calls.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting)
    return calls


def test_a_huge_canvas_is_refused_from_its_header_before_any_decoding(loads):
    bomb = files.upload("bomb.png", _png_declaring(50_000, 50_000))
    with pytest.raises(ValidationError, match="尺寸过大"):
        uploads.clean_image(bomb)
    assert loads == []


def test_the_probes_6300_png_is_decoded_once_and_stored_small(loads):
    buf = io.BytesIO()
    Image.new("L", (6300, 6300), 0).save(buf, "PNG", compress_level=9)
    assert len(buf.getvalue()) < 60_000  # the probe's file: ~38 KB declaring 40 megapixels
    start = time.perf_counter()
    content = uploads.clean_image(files.upload("flat.png", buf.getvalue()))
    elapsed = time.perf_counter() - start
    assert len([size for size in loads if size == (6300, 6300)]) == 1
    with Image.open(content) as stored:
        assert max(stored.size) == uploads.MAX_SIDE and stored.format == "PNG"
    assert elapsed < 3.0  # about 0.3 s here; the old path took twice that and 190 MB


def test_png_is_written_without_the_optimiser(monkeypatch):
    seen = []
    original = Image.Image.save

    def spy(self, fp, format=None, **params):
        seen.append((format, params))
        return original(self, fp, format, **params)

    png = files.upload("a.png", files.image_bytes("PNG"))
    monkeypatch.setattr(Image.Image, "save", spy)
    uploads.clean_image(png)
    assert seen == [("PNG", {})]


def test_a_large_phone_photo_is_shrunk_and_renamed():
    photo = files.upload("IMG_0001.JPG", files.image_bytes("JPEG", size=(4032, 3024)))
    content = uploads.clean_image(photo)
    assert content.name.endswith(".jpg") and "IMG" not in content.name
    assert content.original_name == "IMG_0001.JPG"
    with Image.open(content) as stored:
        assert stored.size == (2560, 1920)


def test_an_image_already_checked_is_not_decoded_again(loads):
    content = uploads.clean_image(files.upload("a.png", files.image_bytes("PNG")))
    loads.clear()
    assert uploads.clean_image(content) is content
    assert loads == []


@pytest.mark.parametrize(
    ("name", "data"),
    [("pic.png", files.SVG), ("pic.png", files.HTML), ("pic.jpg", files.pdf_bytes()), ("pic.gif", b"GIF89a")],
)
def test_what_is_not_an_image_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError, match="不是有效的图片文件"):
        uploads.clean_image(files.upload(name, data, "image/png"))


@pytest.mark.parametrize(
    ("kind", "name", "data", "stored_as"),
    [
        ("video", "clip.mp4", files.mp4_bytes(), "mp4"),
        ("video", "clip.mov", files.mp4_bytes(b"qt  "), "mov"),
        ("audio", "voice.m4a", files.mp4_bytes(b"M4A "), "m4a"),
        ("audio", "voice.mp3", files.mp3_bytes(), "mp3"),
        # The content decides the extension: a WAV recording named .mp3 is stored as what it is.
        ("audio", "voice.mp3", files.wav_bytes(), "wav"),
    ],
)
def test_media_is_accepted_by_its_content_under_a_random_name(kind, name, data, stored_as):
    checked = uploads.check_media(files.upload(f"../../{name}", data), kind)
    assert checked.name.endswith(f".{stored_as}") and "/" not in checked.name
    assert name not in checked.name and len(checked.name) == 33 + len(stored_as)
    assert checked.original_name == name  # the path part never survives


@pytest.mark.parametrize(
    ("kind", "name", "data"),
    [
        ("video", "clip.mp4", files.HTML),
        ("video", "clip.mp4", files.SVG),
        ("video", "clip.mp4", files.wav_bytes()),
        ("audio", "voice.mp3", files.HTML),
        ("audio", "voice.mp3", files.mp4_bytes(b"qt  ")),
        ("video", "clip.exe", b"MZ\x90\x00"),
    ],
)
def test_media_whose_bytes_are_something_else_is_refused_in_chinese(kind, name, data):
    with pytest.raises(ValidationError) as caught:
        uploads.check_media(files.upload(name, data, "video/mp4"), kind)
    assert f"“{name}”的内容不是支持的" in caught.value.messages[0]


def test_media_over_its_limit_is_refused_before_it_is_read(settings):
    settings.WENMING = {**settings.WENMING, "VIDEO_MAX_BYTES": 100}
    with pytest.raises(ValidationError, match="视频超过"):
        uploads.check_media(files.upload("clip.mp4", files.mp4_bytes()), "video")


@pytest.mark.parametrize(
    ("name", "data", "stored_as"),
    [("plan.pdf", files.pdf_bytes(), "pdf"), ("plan.docx", files.docx_bytes(), "docx"), ("scan.png", files.image_bytes("PNG"), "png")],
)
def test_documents_are_accepted_by_content(name, data, stored_as):
    checked = uploads.check_document(files.upload(name, data))
    assert checked.name.endswith(f".{stored_as}") and checked.name != name
    assert checked.original_name == name


def test_a_document_image_is_re_encoded():
    checked = uploads.check_document(files.upload("scan.jpg", files.image_bytes("JPEG")), ("jpg", "pdf"))
    assert checked.wenming_checked and checked.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "data", "allowed"),
    [
        ("plan.pdf", files.HTML, ("pdf",)),
        ("plan.docx", files.pdf_bytes(), ("docx",)),
        ("scan.png", files.SVG, ("png", "pdf")),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 40, ("docx", "pdf")),
    ],
)
def test_documents_of_another_content_are_refused(name, data, allowed):
    with pytest.raises(ValidationError, match=f"“{name}”的内容不是"):
        uploads.check_document(files.upload(name, data), allowed)


def test_an_unknown_allowed_type_is_a_programming_error():
    with pytest.raises(ValueError, match="exe"):
        uploads.check_document(files.upload("a.pdf", files.pdf_bytes()), ("pdf", "exe"))


def test_random_name_keeps_only_a_plain_extension():
    upload_to = uploads.RandomName("honors/evidence/%Y/%m/")
    first = upload_to(None, "身份证 张三.PNG")
    assert first.startswith("honors/evidence/") and first.endswith(".png") and "张三" not in first
    assert upload_to(None, "x.php%00.png/../../a").endswith(".bin")
    assert upload_to(None, "same.png") != upload_to(None, "same.png")
