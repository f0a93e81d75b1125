"""Reading an import file: its encoding, its lines, and standard input.

Files come from the offices' own systems and from Excel on Windows: UTF-8 with or without a BOM,
or GBK/GB18030. The encoding is detected (or named), then the file is read as bytes, line by line,
and each line decoded on its own, so one undecodable line is reported with its number instead of
ending the read. Only ASCII-compatible encodings are accepted: their newline is the byte 0x0A and
no multi-byte character contains it, so splitting bytes on it splits lines.
"""

import codecs
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

CHUNK = 1 << 20
_SAMPLE = '\n{}[]":,0123456789abcdefghijklmnopqrstuvwxyz-+.'


class ImportFileError(Exception):
    """The file cannot be read at all (no such file, unknown encoding): the message is Chinese."""


def _codec(name: str) -> str:
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ImportFileError(_("未知的编码：%(name)s") % {"name": name}) from None
    try:
        compatible = _SAMPLE.encode(info.name) == _SAMPLE.encode("ascii")
    except (UnicodeError, LookupError):
        compatible = False
    if not compatible:
        raise ImportFileError(_("不支持 %(name)s 编码：请另存为 UTF-8 或 GBK/GB18030") % {"name": name})
    return "utf-8" if info.name in ("utf-8", "utf-8-sig") else info.name


def _decodes_whole(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _has_utf8_text(path: Path) -> bool:
    """Whether some line with non-ASCII bytes is valid UTF-8: then the file is UTF-8 with bad lines,
    not GBK (Chinese in GBK is practically never valid UTF-8)."""
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.isascii():
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                return True
    return False


def detect_encoding(path: Path, named: str | None = None) -> str:
    """The codec to read ``path`` with: ``named`` if given (checked), else UTF-8 or GB18030."""
    if not path.is_file():
        raise ImportFileError(_("文件不存在：%(file)s") % {"file": path})
    if named:
        return _codec(named)
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(_("不支持 UTF-16 编码：请另存为 UTF-8 或 GBK/GB18030"))
    if head.startswith(codecs.BOM_UTF8) or _decodes_whole(path, "utf-8") or _has_utf8_text(path):
        return "utf-8"
    # GB18030 is the superset of GBK (and of GB2312): one codec reads all three.
    if _decodes_whole(path, "gb18030"):
        return "gb18030"
    raise ImportFileError(_("无法识别文件编码（应为 UTF-8 或 GBK/GB18030），可用 --encoding 指明"))


def lines_of(path: Path, encoding: str) -> Iterator[tuple[int, str | None, int, str | None]]:
    """(line number, text or None, bytes, decode error or None) for every non-blank line."""
    with path.open("rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            size = len(raw)
            if line_no == 1 and encoding == "utf-8" and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                yield line_no, None, size, _("无法按 %(encoding)s 解码（第 %(pos)s 字节）") % {
                    "encoding": encoding.upper(), "pos": exc.start + 1}
                continue
            if text.strip():
                yield line_no, text, size, None


def spool(stream) -> Path:
    """Copy a stream that cannot be read twice (standard input, a pipe) into a temporary file.

    The import reads its file twice (validate, then write); the caller deletes the copy.
    """
    source = getattr(stream, "buffer", stream)
    with tempfile.NamedTemporaryFile(prefix="wenming-import-", suffix=".jsonl", delete=False) as out:
        while chunk := source.read(CHUNK):
            # A text stream without bytes underneath (a test's StringIO) is taken as UTF-8.
            out.write(chunk.encode("utf-8", "surrogatepass") if isinstance(chunk, str) else chunk)
    return Path(out.name)
