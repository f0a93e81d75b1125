"""``wenming assess --scheme S --year YYYY [--format csv|table|json]``: one row per enrolled unit."""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from wenming.assessment.bulletins import BulletinError
from wenming.assessment.command_args import scheme_arg
from wenming.assessment.results import year_table
from wenming.core.numbers import plain
from wenming.core.sheets import CsvWriter


def _text(value) -> str:
    return plain(value) if isinstance(value, Decimal) else str(value)


class Command(BaseCommand):
    help = "年度考核结果：每个参加单位一行（csv 表头以 unit,points 开头）"

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True, help="方案标识，如 liyang-2017、luoyang-2014")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["csv", "table", "json"], default="table")

    def handle(self, *args, scheme, year, format, **options):
        found = scheme_arg(scheme)
        try:
            header, rows = year_table(found, year)
        except BulletinError as exc:
            raise CommandError(str(exc)) from None
        if format == "csv":
            # Unit names are user text: the one writer keeps a name like "=HYPERLINK(...)" inert.
            writer = CsvWriter(self.stdout)
            writer.writerow(header)
            writer.writerows(rows)
        elif format == "json":
            self.stdout.write(
                json.dumps(
                    [dict(zip(header, map(_text, row), strict=True)) for row in rows], ensure_ascii=False, indent=2
                )
            )
        else:
            rows = [[_text(x) for x in row] for row in rows]
            widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
            for line in [header, *rows]:
                self.stdout.write("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
