"""Upload checks shared by every app: files are judged by their bytes, never by their names.

- Images are opened (Pillow reads the header only), refused by pixel count before any decoding, decoded
  once, shrunk to a bounded size and re-encoded, which drops whatever a file carried besides pixels
  (scripts, metadata, GPS position). Time and memory are bounded by ``MAX_PIXELS`` and ``MAX_SIDE``.
- Audio, video and documents are identified by their magic numbers (the ``filetype`` library); an HTML
  page named ``.mp4`` or an SVG named ``.png`` is refused whatever its name says.
- Every accepted file gets a new random name with the extension of what it really is; the name the
  person gave is kept only as ``original_name`` for display. ``RandomName`` does the same as the
  ``upload_to`` of every file field, so nothing reaches storage under a guessable name.

Limits are settings (``WENMING["IMAGE_MAX_BYTES"]`` ...); every refusal says why, in Chinese.
"""

import io
import os
import posixpath
import uuid
from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format → extension it is stored under. WebP and MPO are stored as JPEG, GIF as PNG (first frame).
_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "png", "WEBP": "jpg", "MPO": "jpg"}
# Decompression bombs: a tiny file may declare a huge canvas; refuse it from the header alone.
MAX_PIXELS = 40_000_000
# Nothing on a phone page needs more than this many pixels on the long side; shrinking bounds the
# cost of re-encoding (and, for JPEG, of decoding too: it is decoded at a reduced scale).
MAX_SIDE = 2560
JPEG_QUALITY = 85

# What each kind of media may really be (filetype's extension of the detected type).
MEDIA_TYPES = {
    # An audio-only MP4 (.m4a from some phones) is detected as mp4: accepted as audio too.
    "audio": (frozenset({"mp3", "m4a", "aac", "wav", "amr", "mp4"}), "AUDIO_MAX_BYTES"),
    "video": (frozenset({"mp4", "mov", "m4v", "webm", "3gp"}), "VIDEO_MAX_BYTES"),
}
# Documents: PDF, Word (both kinds) and the images above.
DOCUMENT_TYPES = frozenset({"pdf", "docx", "doc", "jpg", "png"})
_TYPE_LABELS = {"pdf": "PDF", "docx": "Word", "doc": "Word", "jpg": "JPG", "png": "PNG"}
# Extensions shown in messages, in this order.
_MEDIA_EXTENSIONS = {"audio": "MP3、M4A、AAC、WAV、AMR", "video": "MP4、MOV、M4V、WebM、3GP"}


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}MB" if n >= 1024 * 1024 else f"{n // 1024}KB"


def random_name(ext: str) -> str:
    return f"{uuid.uuid4().hex}.{ext.lstrip('.').lower()}"


@deconstructible
class RandomName:
    """``upload_to`` for file fields: ``prefix/%Y/%m/<random>.<ext>``, whatever name the file came with.

    The extension is kept only when it is a short run of letters and digits (the checks above already
    set it to what the content really is).
    """

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        ext = os.path.splitext(filename or "")[1].lstrip(".").lower()
        ext = ext if ext.isalnum() and ext.isascii() and len(ext) <= 5 else "bin"
        folder = timezone.localtime().strftime(self.prefix)
        return posixpath.join(folder, random_name(ext))

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.prefix == self.prefix


def _name(upload) -> str:
    return getattr(upload, "original_name", None) or getattr(upload, "name", "") or ""


def _head(upload, n: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _not_an_image(name: str) -> ValidationError:
    return ValidationError(_("“%(name)s”不是有效的图片文件（支持 JPG、PNG、GIF、WebP）") % {"name": name})


def _too_large(name: str) -> ValidationError:
    return ValidationError(_("图片“%(name)s”尺寸过大（超过 %(mp)s 万像素）") % {"name": name, "mp": MAX_PIXELS // 10000})


def clean_image(upload) -> ContentFile:
    """Verify ``upload`` is an image within the limits and return it re-encoded under a random name.

    The returned file carries ``original_name``, the name the person gave.
    """
    if getattr(upload, "wenming_checked", False):
        return upload  # already re-encoded here (a form checked it before the action)
    limit = settings.WENMING["IMAGE_MAX_BYTES"]
    name = _name(upload)
    if upload.size > limit:
        raise ValidationError(_("图片“%(name)s”超过 %(limit)s，请压缩后再上传") % {"name": name, "limit": _mb(limit)})
    try:
        upload.seek(0)
        # Image.open parses the header only: the size is known before a single pixel is decoded.
        image = Image.open(upload)
        fmt = _IMAGE_FORMATS.get(image.format or "")
        if fmt is None:
            raise _not_an_image(name)
        if image.width * image.height > MAX_PIXELS:
            raise _too_large(name)
        if image.format in ("JPEG", "MPO"):
            # JPEG decodes at 1/2, 1/4 or 1/8 scale for free: a huge photo never costs full memory.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        image.load()  # the one decode; a truncated or corrupt file fails here
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        # The orientation a phone recorded lives in EXIF, which re-encoding drops: apply it first.
        ImageOps.exif_transpose(image, in_place=True)
        out = io.BytesIO()
        if fmt == "jpg":
            image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY)
        else:
            # No optimize=True: its repeated compression passes cost seconds on large canvases.
            image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB").save(out, "PNG")
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own cap, far above ours, also from the header
        raise _too_large(name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _not_an_image(name) from None
    content = ContentFile(out.getvalue(), name=random_name(fmt))
    content.original_name = name
    content.wenming_checked = True
    return content


def detect(upload) -> str | None:
    """The real type of ``upload`` by its magic numbers (an extension such as ``"pdf"``), or None."""
    kind = filetype.guess(_head(upload))
    return kind.extension if kind else None


def _renamed(upload, ext: str):
    upload.original_name = _name(upload)
    upload.name = random_name(ext)
    return upload


def check_media(upload, kind: str):
    """Check an audio or video upload by its content and size; returns it under a random name."""
    allowed, setting = MEDIA_TYPES[kind]
    label = _("音频") if kind == "audio" else _("视频")
    limit = settings.WENMING[setting]
    if upload.size > limit:
        raise ValidationError(_("%(label)s超过 %(limit)s，请改为填写链接") % {"label": label, "limit": _mb(limit)})
    real = detect(upload)
    if real not in allowed:
        raise ValidationError(
            _("“%(name)s”的内容不是支持的%(label)s文件，请上传 %(exts)s 文件")
            % {"name": _name(upload), "label": label, "exts": _MEDIA_EXTENSIONS[kind]}
        )
    return _renamed(upload, real)


def check_document(upload, allowed: Iterable[str] = DOCUMENT_TYPES, *, max_bytes: int | None = None):
    """Check a document (PDF, Word) or image by its content; returns it under a random name.

    ``allowed`` names the accepted types by extension (a subset of ``DOCUMENT_TYPES``). Images are
    re-encoded like any other image (a ``ContentFile`` comes back); other files come back as given,
    renamed. Either way ``original_name`` holds the name the person gave.
    """
    allowed = frozenset(allowed)
    unknown = allowed - DOCUMENT_TYPES
    if unknown:
        raise ValueError(f"unsupported document types: {sorted(unknown)}")
    name = _name(upload)
    limit = max_bytes or settings.WENMING["DOCUMENT_MAX_BYTES"]
    if upload.size > limit:
        raise ValidationError(_("文件“%(name)s”超过 %(limit)s") % {"name": name, "limit": _mb(limit)})
    real = detect(upload)
    if real not in allowed:
        labels = "、".join(dict.fromkeys(_TYPE_LABELS[t] for t in sorted(allowed, key=list(_TYPE_LABELS).index)))
        raise ValidationError(_("“%(name)s”的内容不是 %(types)s 文件") % {"name": name, "types": labels})
    if real in ("jpg", "png"):
        return clean_image(upload)
    return _renamed(upload, real)
