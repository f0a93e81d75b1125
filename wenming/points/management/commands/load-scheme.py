from django.core.management.base import BaseCommand, CommandError

from wenming.assessment.schemes import SchemeError, load_scheme
from wenming.points.models import RuleSet
from wenming.points.rules import RuleError


class Command(BaseCommand):
    help = "载入或更新一个考核方案（单位、目标、积分规则集），可重复执行 (load or update a scheme from its data file)"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="方案标识，如 liyang-2017")

    def handle(self, *args, slug, **options):
        try:
            scheme = load_scheme(slug)
        except (SchemeError, RuleError) as exc:
            raise CommandError(str(exc)) from None
        versions = ", ".join(RuleSet.objects.filter(scheme=scheme).values_list("version", flat=True)) or "—"
        self.stdout.write(
            f"已载入方案 {scheme.slug}：{scheme.enrollments.count()} 个单位，规则集版本 {versions}"
        )
