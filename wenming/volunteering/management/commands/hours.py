import json

from django.core.management.base import BaseCommand, CommandError

from wenming.core.sheets import CsvWriter
from wenming.volunteering import queries


class Command(BaseCommand):
    help = "输出某年每位志愿者的服务时长、待审核时长和星级 (print each volunteer's hours, pending hours and stars)"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["csv", "table", "json"], default="table")

    def handle(self, *args, year, format, **options):
        if not 1900 <= year <= 9999:
            raise CommandError("年份无效 (invalid year)")
        rows = [(r.label, f"{r.hours:.2f}", f"{r.pending:.2f}", r.stars) for r in queries.year_rows(year)]
        if format == "csv":
            writer = CsvWriter(self.stdout)
            writer.writerow(["volunteer", "hours", "pending", "stars"])
            writer.writerows(rows)
        elif format == "json":
            self.stdout.write(json.dumps(
                [{"volunteer": v, "hours": h, "pending": p, "stars": s} for v, h, p, s in rows],
                ensure_ascii=False, indent=1,
            ))
        else:
            width = max((len(v) for v, *_ in rows), default=9)
            self.stdout.write(f"{'volunteer':<{width}}  {'hours':>10}  {'pending':>10}  stars")
            for v, h, p, s in rows:
                self.stdout.write(f"{v:<{width}}  {h:>10}  {p:>10}  {'★' * s or '-'}")
