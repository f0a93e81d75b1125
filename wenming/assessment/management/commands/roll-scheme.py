from django.core.management.base import BaseCommand, CommandError

from wenming.assessment.command_args import scheme_arg
from wenming.assessment.rolling import roll_scheme
from wenming.assessment.schemes import SchemeError


class Command(BaseCommand):
    help = "把一个考核方案的单位、粉丝目标和积分规则滚动到新年度（新方案、新规则版本，1月1日起生效）；可重复执行"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="要滚动的方案标识，如 liyang-2017")
        parser.add_argument("--year", type=int, required=True, help="新年度，如 2026")

    def handle(self, *args, slug, year, **options):
        scheme = scheme_arg(slug)
        try:
            new, created = roll_scheme(scheme, year)
        except SchemeError as exc:
            raise CommandError(str(exc)) from None
        verb = "已生成" if created else "已存在，未改动"
        versions = ", ".join(new.rulesets.values_list("version", flat=True)) or "—"
        self.stdout.write(f"{verb}方案 {new.slug}（{new.name}）：{new.enrollments.count()} 个单位，规则集版本 {versions}")
