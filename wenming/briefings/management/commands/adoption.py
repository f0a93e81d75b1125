"""``wenming adoption --year YYYY --format csv|table|json``: the year's adoption report (RULES.md §6)."""

import json

from django.core.management.base import BaseCommand, CommandError

from wenming.briefings.queries import adoption_report_for_year
from wenming.core.sheets import CsvWriter

HEADER = ["region", "city_level", "county_level", "total"]


class Command(BaseCommand):
    help = "稿件采用情况统计：每个设区市一行（市本级、所辖县），综合稿件、行业稿件、合计"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["csv", "table", "json"], default="table")

    def handle(self, *args, year, format, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度无效：{year}")
        report = adoption_report_for_year(year)
        rows = report.csv_rows()
        if format == "csv":
            writer = CsvWriter(self.stdout)
            writer.writerow(HEADER)
            writer.writerows(rows)
        elif format == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            table = [HEADER, *[[str(x) for x in row] for row in rows]]
            widths = [max(_width(row[i]) for row in table) for i in range(len(HEADER))]
            for line in table:
                self.stdout.write("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(line, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
