import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wenming.points.importing import import_events


class Command(BaseCommand):
    help = "导入事件（JSON Lines，每行一个事件）；整个文件先校验，有错则一行也不导入 (import events from a JSON Lines file)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, no_progress=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        progress = not no_progress and sys.stderr.isatty()
        result = import_events(path, progress=progress)
        if result.errors:
            for line_no, message in result.errors:
                self.stderr.write(f"第 {line_no} 行：{message}")
            raise CommandError(f"文件有 {len({n for n, _m in result.errors})} 行错误，未导入任何事件")
        months = "、".join(result.months) or "—"
        self.stdout.write(
            f"共 {result.lines} 行：导入 {result.imported} 个事件，跳过 {result.skipped} 个已导入的事件；重新计分月份：{months}"
        )
