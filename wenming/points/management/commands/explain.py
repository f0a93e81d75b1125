from django.core.management.base import BaseCommand, CommandError

from wenming.assessment.command_args import month_arg, scheme_arg
from wenming.core.numbers import plain
from wenming.core.periods import local_date
from wenming.orgs.models import Unit
from wenming.people.models import User
from wenming.points import queries
from wenming.points.labels import entry_label


class Command(BaseCommand):
    help = "列出一个单位或一个人某月的每条积分明细：日期、规则、来源、分值 (explain every entry)"

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True)
        parser.add_argument("--month", required=True, help="YYYY-MM")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--unit", help="单位名称")
        who.add_argument("--person", help="人员外部编号或用户名")

    def handle(self, *args, scheme, month, unit=None, person=None, **options):
        month = month_arg(month)
        scheme_obj = scheme_arg(scheme)
        subject = {}
        if unit is not None:
            units = list(Unit.objects.filter(name=unit)[:2])
            if len(units) != 1:
                raise CommandError(f"单位不存在或名称不唯一：{unit}")
            subject["unit"] = units[0]
        else:
            user = User.objects.filter(external_id=person).first() or User.objects.filter(username=person).first()
            if user is None:
                raise CommandError(f"没有此人：{person}")
            subject["person"] = user
        total = 0
        self.stdout.write("日期\t规则\t来源\t分值")
        for entry in queries.month_entries(scheme_obj, month, **subject):
            when = local_date(entry.event.at) if entry.event_id else local_date(entry.created_at)
            source = entry.event.key if entry.event_id else (entry.reason or entry.note)
            self.stdout.write(f"{when}\t{entry.rule} {entry_label(entry)}\t{source}\t{plain(entry.amount)}")
            total += entry.amount
        self.stdout.write(f"合计\t\t\t{plain(total)}")
