import stat
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wenming.points.import_files import spool
from wenming.points.importing import ImportFileError, import_events


def _safe(text: str) -> str:
    # A message quotes the file's values; whatever they hold, the terminal gets valid text.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class Command(BaseCommand):
    help = (
        "导入事件（JSON Lines，每行一个事件）；整个文件先校验，有错则一行也不导入；文件为 - 时读标准输入 "
        "(import events from a JSON Lines file; - reads standard input)"
    )
    # ``call_command(..., stdin=stream)`` in tests, as Django's loaddata does.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件；- 表示标准输入")
        parser.add_argument("--encoding", default=None, help="文件编码（默认自动识别 UTF-8 或 GBK/GB18030）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, encoding=None, no_progress=False, **options):
        temporary = None
        path = Path(file)
        try:
            if file == "-":
                temporary = path = spool(options.get("stdin") or sys.stdin)
            elif path.exists() and not stat.S_ISREG(path.stat().st_mode):
                # /dev/stdin, a named pipe: readable once, so copied first.
                with path.open("rb") as stream:
                    temporary = path = spool(stream)
            elif not path.is_file():
                raise CommandError(f"文件不存在：{file}")
            progress = not no_progress and sys.stderr.isatty()
            result = import_events(path, progress=progress, encoding=encoding)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"无法读取文件：{file}（{exc.strerror or exc}）") from None
        finally:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
        if result.errors:
            for line_no, message in result.errors:
                where = f"第 {line_no} 行" if line_no else "文件"
                self.stderr.write(_safe(f"{where}：{message}"))
            bad = len({n for n, _m in result.errors if n})
            if bad:
                raise CommandError(f"文件有 {bad} 行错误，未导入任何事件")
            raise CommandError("未导入任何事件")
        months = "、".join(result.months) or "—"
        self.stdout.write(
            f"共 {result.lines} 行：导入 {result.imported} 个事件，跳过 {result.skipped} 个已导入的事件；重新计分月份：{months}"
        )
