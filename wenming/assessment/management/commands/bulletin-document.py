"""``wenming bulletin-document --scheme S --month YYYY-MM --out FILE.pdf|.docx|.xlsx``: the monthly
bulletin as the office sends it (header, ranked summary, duty gaps, charts, appendix)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wenming.assessment import bulletin_document, bulletins
from wenming.assessment.command_args import month_arg, scheme_arg
from wenming.core.periods import to_local


class Command(BaseCommand):
    help = "生成月度通报文件（PDF、Word 或 Excel）：发文单位、文号、排名、职责提醒、图表、分项明细附表"

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True)
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--out", required=True, help="输出文件：.pdf、.docx 或 .xlsx")
        parser.add_argument("--issuer", default="", help="发文单位，默认为方案所属地区的文明办")
        parser.add_argument("--number", default="", help="文号，如 溧文明办〔2017〕5号")
        parser.add_argument("--date", default="", help="发文日期 YYYY-MM-DD，默认今天")

    def handle(self, *args, scheme, month, out, issuer, number, date: str, **options):
        found = scheme_arg(scheme)
        period = month_arg(month)
        path = Path(out)
        render = {".pdf": bulletin_document.render_pdf, ".docx": bulletin_document.render_docx,
                  ".xlsx": bulletin_document.render_xlsx}.get(path.suffix.lower())
        if render is None:
            raise CommandError("输出文件须为 .pdf、.docx 或 .xlsx")
        try:
            on = _date(date) if date else to_local(timezone.now()).date()
        except ValueError:
            raise CommandError(f"日期无效：{date}") from None
        try:
            data = bulletins.build(found, period)
        except bulletins.BulletinError as exc:
            raise CommandError(str(exc)) from None
        region = getattr(found, "region", None)
        header = bulletin_document.Header(issuer=issuer or f"{region.name if region else ''}文明办", document_number=number,
                                          on=on)
        path.write_bytes(render(data, header))
        self.stdout.write(f"已生成：{path}")


def _date(text: str) -> date:
    return date.fromisoformat(text)
