"""The image upload benchmark: what one image costs the server, the old way and the new.

Usage: python bench/uploads.py [--repeat N]

Two images are made here: the 6300×6300 PNG of ~38 KB the security probe sent (a canvas of 40
megapixels, all one colour, that compresses a thousand to one) and a normal 12-megapixel phone photo
(4032×3024 JPEG). Each path runs in a fresh process so its peak memory (the process's maximum resident
size, VmHWM, which counts Pillow's own buffers that tracemalloc cannot see) is its own. The floor is a process
that only reads the bytes and opens the header: what any check must pay.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def old_clean_image(data: bytes) -> bytes:
    """The path before this change: verify(), reopen, decode in full, PNG with optimize=True."""
    from PIL import Image

    upload = io.BytesIO(data)
    with Image.open(upload) as probe:
        probe.verify()
    upload.seek(0)
    image = Image.open(upload)
    if image.width * image.height > 40_000_000:
        raise ValueError("too large")
    image.load()
    out = io.BytesIO()
    if image.format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85)
    else:
        image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


def new_clean_image(data: bytes) -> bytes:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wenming.core.uploads import clean_image

    return clean_image(SimpleUploadedFile("x", data)).read()


def floor(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.size  # noqa: B018  (the header is parsed; nothing decoded)
    return data


def make_images(folder: Path) -> dict[str, Path]:
    from PIL import Image

    bomb = folder / "bomb-6300.png"
    if not bomb.exists():
        Image.new("L", (6300, 6300), 0).save(bomb, "PNG", compress_level=9)
    photo = folder / "photo-4032x3024.jpg"
    if not photo.exists():
        # Noise over a gradient: it compresses like a real photo (a few MB), unlike a flat colour.
        noise = Image.effect_noise((4032, 3024), 40).convert("RGB")
        gradient = Image.linear_gradient("L").resize((4032, 3024)).convert("RGB")
        Image.blend(noise, gradient, 0.5).save(photo, "JPEG", quality=80)
    return {"6300×6300 PNG": bomb, "4032×3024 phone JPEG": photo}


def peak_rss_kb() -> int:
    """This process's peak resident size. Not ru_maxrss: Linux carries that over from the parent
    across exec, so a child would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(path: str, which: str, repeat: int) -> None:
    """Run one path in this fresh process and print its figures as JSON."""
    from django.conf import settings

    # Only what clean_image reads: the whole project's imports would hide the figures in the baseline.
    settings.configure(WENMING={"IMAGE_MAX_BYTES": 20 * 1024 * 1024}, USE_I18N=False)
    data = Path(path).read_bytes()
    func = {"old": old_clean_image, "new": new_clean_image, "floor": floor}[which]
    base_rss = peak_rss_kb()
    timings = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(func(data))
        timings.append(time.perf_counter() - start)
    peak = peak_rss_kb()
    print(json.dumps({"best": min(timings), "peak_mb": peak / 1024, "added_mb": (peak - base_rss) / 1024, "out": size}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.repeat)
        return
    folder = Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "wenming-bench-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print(f"{'image':24} {'path':6} {'best s':>8} {'peak RSS MB':>12} {'added MB':>9} {'output KB':>10}")
    for label, path in make_images(folder).items():
        print(f"{label} — {path.stat().st_size / 1024:.0f} KB on disk")
        for which in ("floor", "old", "new"):
            out = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--repeat", str(args.repeat), "--child", str(path), which],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{'':24} {which:6} {r['best']:8.3f} {r['peak_mb']:12.0f} {r['added_mb']:9.0f} {r['out'] / 1024:10.0f}")


if __name__ == "__main__":
    main()
