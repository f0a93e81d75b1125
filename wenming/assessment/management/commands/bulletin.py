"""``wenming bulletin --scheme S --month YYYY-MM --out FILE.xlsx|FILE.pdf``: the live monthly bulletin."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wenming.assessment import bulletins
from wenming.assessment.command_args import month_arg, scheme_arg


class Command(BaseCommand):
    help = "生成月度通报（Excel 或 PDF）"

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True)
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--out", required=True, help="输出文件，.xlsx 或 .pdf")

    def handle(self, *args, scheme, month, out, **options):
        found = scheme_arg(scheme)
        period = month_arg(month)
        path = Path(out)
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".pdf"):
            raise CommandError("输出文件须以 .xlsx 或 .pdf 结尾")
        if not found.enrollments.exists():
            raise CommandError(f"方案 {scheme} 没有参加单位")
        try:
            data = bulletins.build(found, period)
        except bulletins.BulletinError as exc:
            raise CommandError(str(exc)) from None
        content = bulletins.render_xlsx(data) if suffix == ".xlsx" else bulletins.render_pdf(data)
        path.write_bytes(content)
        self.stdout.write(f"{path}: {len(data['rows'])} 个单位")
