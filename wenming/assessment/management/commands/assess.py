"""``wenming assess --scheme S --year YYYY [--format csv|table|json]``: one row per enrolled unit."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from wenming.assessment.bulletins import BulletinError
from wenming.assessment.command_args import scheme_arg
from wenming.assessment.results import year_table


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
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        elif format == "json":
            self.stdout.write(json.dumps([dict(zip(header, row, strict=True)) for row in rows], ensure_ascii=False, indent=2))
        else:
            widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
            for line in [header, *rows]:
                self.stdout.write("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
