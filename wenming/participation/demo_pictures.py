"""Pictures for the demo's stories, drawn locally with Pillow (no network, no stock photos).

Each picture is a soft two-colour gradient with a sun and hills, seeded by its title, so the same
story always gets the same picture.
"""

import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

PALETTES = [
    ((255, 224, 178), (230, 81, 0)),
    ((200, 230, 201), (46, 125, 50)),
    ((187, 222, 251), (21, 101, 192)),
    ((248, 187, 208), (173, 20, 87)),
    ((255, 249, 196), (249, 168, 37)),
]


def picture(title: str, *, size=(720, 480)) -> SimpleUploadedFile:
    seed = zlib.crc32(title.encode("utf-8"))
    top, bottom = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    cx, cy, r = 120 + seed % (width - 240), 90 + (seed >> 8) % 80, 45
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255))
    for k in range(3):
        base = height - 40 - 50 * k
        shade = tuple(max(0, c - 40 * (3 - k)) for c in bottom)
        offset = (seed >> (4 * k)) % 200
        draw.polygon([(-50, height), (offset + 150, base - 90), (offset + 420, base), (width + 50, height)], fill=shade)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return SimpleUploadedFile(f"demo-{seed:08x}.jpg", out.getvalue(), content_type="image/jpeg")
