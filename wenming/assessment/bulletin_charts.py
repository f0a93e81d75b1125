"""The monthly bulletin's two charts as PNG images (Pillow, Noto CJK), shared by its PDF and DOCX.

Drawn here rather than in CSS so that the Word file carries the same pictures the PDF does.
"""

import glob
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

FONT_GLOBS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/NotoSansCJK*.ttc",
              "/usr/share/fonts/**/*CJK*.tt[cf]")
BLUE, GOLD, RED, INK, GRID = (59, 110, 165), (201, 162, 39), (192, 0, 0), (30, 30, 30), (210, 210, 210)
SCALE = 2  # drawn at twice the size, so the picture stays sharp when printed


def _font(size: int):
    for pattern in FONT_GLOBS:
        for path in glob.glob(pattern, recursive=True):
            try:
                return ImageFont.truetype(path, size * SCALE)
            except OSError:
                continue
    return ImageFont.load_default()


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _canvas(rows: int, title: str):
    width, row_h, top = 900 * SCALE, 17 * SCALE, 44 * SCALE
    image = Image.new("RGB", (width, top + rows * row_h + 16 * SCALE), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20 * SCALE, 12 * SCALE), title, fill=INK, font=_font(16))
    return image, draw, width, row_h, top


def points_chart(rows: list[tuple[str, Decimal]]) -> bytes:
    """Horizontal bars: each unit's points, in rank order."""
    image, draw, width, row_h, top = _canvas(len(rows), _("各单位积分"))
    font = _font(10)
    left, right = 170 * SCALE, width - 90 * SCALE
    top_value = max([p for _u, p in rows if p > 0], default=Decimal(1))
    for i, (unit, points) in enumerate(rows):
        y = top + i * row_h
        draw.text((left - 8 * SCALE, y + row_h // 2), unit, fill=INK, font=font, anchor="rm")
        length = int((right - left) * max(points, Decimal(0)) / top_value)
        draw.rectangle([left, y + 3 * SCALE, left + length, y + row_h - 3 * SCALE], fill=BLUE)
        draw.text((left + length + 6 * SCALE, y + row_h // 2), f"{points}", fill=INK, font=font, anchor="lm")
    return _png(image)


def followers_chart(rows: list[tuple[str, int, int | None]]) -> bytes:
    """Followers as bars, each unit's target drawn as a red mark across its bar."""
    image, draw, width, row_h, top = _canvas(len(rows), _("粉丝数与年度目标（红线为目标）"))
    font = _font(10)
    left, right = 170 * SCALE, width - 140 * SCALE
    top_value = max([max(f, t or 0) for _u, f, t in rows] + [1])
    for i, (unit, followers, target) in enumerate(rows):
        y = top + i * row_h
        draw.text((left - 8 * SCALE, y + row_h // 2), unit, fill=INK, font=font, anchor="rm")
        length = int((right - left) * followers / top_value)
        met = target is None or followers >= target
        draw.rectangle([left, y + 3 * SCALE, left + length, y + row_h - 3 * SCALE], fill=BLUE if met else GOLD)
        if target:
            x = left + int((right - left) * target / top_value)
            draw.line([x, y + 1 * SCALE, x, y + row_h - 1 * SCALE], fill=RED, width=3 * SCALE)
        label = f"{followers} / {target}" if target else f"{followers}"
        draw.text((max(left + length, left + int((right - left) * (target or 0) / top_value)) + 8 * SCALE,
                   y + row_h // 2), label, fill=INK, font=font, anchor="lm")
    return _png(image)
