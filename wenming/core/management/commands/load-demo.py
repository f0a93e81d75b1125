from django.core.management.base import BaseCommand

from wenming.core.demo import _password_file, load_demo


class Command(BaseCommand):
    help = "载入示范数据（溧阳2017单位、目标与示范账号）；重复运行不改变任何数据。"

    def handle(self, *args, **options):
        ctx = load_demo()
        if ctx.created:
            self.stdout.write(self.style.SUCCESS(f"已创建示范账号 {len(ctx.created)} 个。"))
            self.stdout.write("所有示范账号的密码 (password for every demo account): " + ctx.password)
            self.stdout.write("账号 (accounts): admin, editor, reviewer, expert, citizen1-4, liaison01.., leader01..")
        else:
            self.stdout.write("示范数据已存在，未作改动。密码见 (passwords in) " + str(_password_file()))
