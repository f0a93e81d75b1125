from datetime import date

from django.core.management.base import BaseCommand, CommandError

from wenming.core.demo import _password_file, load_demo


class Command(BaseCommand):
    help = "载入围绕今天的示范数据（本年度方案与目标、近三个月的活动、上月已发布的通报与示范账号）；重复运行不改变任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="示范数据的“今天”（YYYY-MM-DD），默认为上海时间的今天")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today!r}") from None
        ctx = load_demo(today=day)
        if ctx.created:
            self.stdout.write(self.style.SUCCESS(f"已创建示范账号 {len(ctx.created)} 个。"))
            self.stdout.write("所有示范账号的密码 (password for every demo account): " + ctx.password)
            self.stdout.write("账号 (accounts): admin, editor, reviewer, expert, citizen1-4, liaison01.., leader01..")
        else:
            self.stdout.write("示范数据已存在，未作改动。密码见 (passwords in) " + str(_password_file()))
