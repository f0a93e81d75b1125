"""Upload checks: images are decoded and re-encoded with Pillow; audio and video by type and size.

Limits are settings (``WENMING["IMAGE_MAX_BYTES"]`` ...); every refusal says why, in Chinese.
"""

import io
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Re-encoding drops whatever a file carried besides pixels (scripts, metadata, GPS position).
_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "png", "WEBP": "jpg", "MPO": "jpg"}
MEDIA_TYPES = {
    "audio": ({".mp3", ".m4a", ".aac", ".wav", ".amr"}, "AUDIO_MAX_BYTES"),
    "video": ({".mp4", ".mov", ".m4v", ".webm"}, "VIDEO_MAX_BYTES"),
}
# Decompression bombs: refuse absurd pixel counts before decoding them.
MAX_PIXELS = 40_000_000


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}MB" if n >= 1024 * 1024 else f"{n // 1024}KB"


def clean_image(upload) -> ContentFile:
    """Verify ``upload`` is an image within the size limit and return it re-encoded."""
    limit = settings.WENMING["IMAGE_MAX_BYTES"]
    name = getattr(upload, "name", "") or ""
    if upload.size > limit:
        raise ValidationError(_("图片“%(name)s”超过 %(limit)s，请压缩后再上传") % {"name": name, "limit": _mb(limit)})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("图片“%(name)s”尺寸过大") % {"name": name})
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("“%(name)s”不是有效的图片文件（支持 JPG、PNG、GIF、WebP）") % {"name": name}) from None
    fmt = _IMAGE_FORMATS.get(image.format or "")
    if fmt is None:
        raise ValidationError(_("“%(name)s”不是有效的图片文件（支持 JPG、PNG、GIF、WebP）") % {"name": name})
    out = io.BytesIO()
    if fmt == "jpg":
        image.convert("RGB").save(out, "JPEG", quality=85)
    else:
        image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{fmt}")


def check_media(upload, kind: str):
    """Check an audio or video upload by extension and size; returns it renamed (never trusts the name)."""
    extensions, setting = MEDIA_TYPES[kind]
    label = _("音频") if kind == "audio" else _("视频")
    ext = os.path.splitext(getattr(upload, "name", "") or "")[1].lower()
    if ext not in extensions:
        raise ValidationError(
            _("%(label)s格式不支持，请上传 %(exts)s 文件") % {"label": label, "exts": "、".join(sorted(extensions))}
        )
    limit = settings.WENMING[setting]
    if upload.size > limit:
        raise ValidationError(_("%(label)s超过 %(limit)s，请改为填写链接") % {"label": label, "limit": _mb(limit)})
    upload.name = f"{uuid.uuid4().hex}{ext}"
    return upload
