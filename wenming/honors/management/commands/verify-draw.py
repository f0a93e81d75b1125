"""``wenming verify-draw <id>``: re-run a panel draw from its stored seed and pool snapshot."""

from django.core.management.base import BaseCommand, CommandError

from wenming.honors.draw import draw_panel
from wenming.honors.models import PanelRound


class Command(BaseCommand):
    help = "重新运行一次评委抽取并与记录比对（Re-run a panel draw and compare it with the record）"

    def add_arguments(self, parser):
        parser.add_argument("round_id", type=int, help="评审轮次编号")

    def handle(self, *args, round_id: int, **options):
        panel_round = PanelRound.objects.filter(pk=round_id).first()
        if panel_round is None:
            raise CommandError(f"没有编号为 {round_id} 的评审轮次")
        rerun = draw_panel(panel_round.seed, panel_round.pool_snapshot, panel_round.panel_size)
        seated = sorted(panel_round.seats.values_list("expert_id", flat=True))
        conflict_units = {unit_id for _pk, unit_id in panel_round.candidates if unit_id}
        conflicted = [pk for pk, unit_id in panel_round.pool_snapshot if unit_id in conflict_units]
        problems = []
        if rerun != sorted(panel_round.drawn):
            problems.append(f"重新抽取结果 {rerun} 与记录 {sorted(panel_round.drawn)} 不一致")
        if seated != sorted(panel_round.drawn):
            problems.append(f"实际评委 {seated} 与抽取记录 {sorted(panel_round.drawn)} 不一致")
        if conflicted:
            problems.append(f"专家库快照中含应回避的专家 {conflicted}")
        if problems:
            raise CommandError("；".join(problems))
        self.stdout.write(
            f"第 {panel_round.number} 轮（{panel_round.campaign}）抽取复核一致：种子 {panel_round.seed}，评委 {rerun}"
        )
