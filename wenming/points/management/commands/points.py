import json
from decimal import Decimal

from django.core.management.base import BaseCommand

from wenming.assessment.command_args import month_arg, scheme_arg
from wenming.core.numbers import plain
from wenming.core.sheets import CsvWriter
from wenming.orgs.models import Unit
from wenming.people.models import User
from wenming.points import queries


class Command(BaseCommand):
    help = "输出一个月的积分合计（按单位或按个人） (print a month's point totals by unit or person)"

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True)
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--by", choices=["unit", "person"], default="unit")
        parser.add_argument("--format", choices=["csv", "table", "json"], default="table")

    def handle(self, *args, scheme, month, by, format, **options):
        month = month_arg(month)
        scheme_obj = scheme_arg(scheme)
        if by == "unit":
            totals = queries.unit_totals(scheme_obj, month)
            names = dict(Unit.objects.filter(pk__in=totals).values_list("pk", "name"))
        else:
            totals = queries.person_totals(scheme_obj, month)
            names = {
                pk: ext or username
                for pk, ext, username in User.objects.filter(pk__in=totals).values_list("pk", "external_id", "username")
            }
        ranked = queries.rank(totals)
        rows = [(r.rank, names[r.subject_id], plain(r.points)) for r in ranked]
        if format == "csv":
            # Names are user text (unit names, external ids): the one writer keeps them from being formulas;
            # points go as exact numbers so a negative total is not mistaken for one.
            writer = CsvWriter(self.stdout)
            writer.writerow([by, "points", "rank"])
            for rank, name, points in rows:
                writer.writerow([name, Decimal(points), rank])
        elif format == "json":
            self.stdout.write(
                json.dumps([{by: n, "points": p, "rank": r} for r, n, p in rows], ensure_ascii=False, indent=1)
            )
        else:
            self.stdout.write(f"{scheme_obj.name} {month}")
            width = max((len(n) for _r, n, _p in rows), default=4)
            for rank, name, points in rows:
                self.stdout.write(f"{rank:>4}  {name:<{width}}  {points:>10}")
