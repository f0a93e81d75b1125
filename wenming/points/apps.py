from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsConfig(AppConfig):
    name = "wenming.points"
    label = "points"
    verbose_name = _("积分")
    home_tiles = [(_("我的积分"), "points:mine"), (_("积分排行"), "points:leaderboard")]
    me_links = [(_("我的积分"), "points:mine"), (_("积分兑换"), "points:catalogue")]
    console_links = [(_("单位积分"), "points:staff_units"), (_("兑换订单"), "points:orders")]

    def ready(self) -> None:
        from wenming.assessment.schemes import scheme_loaded
        from wenming.journal.actions import event_recorded

        from . import engine, schemes

        event_recorded.connect(engine.on_event_recorded, dispatch_uid="points.score_event")
        scheme_loaded.connect(schemes.store_rulesets, dispatch_uid="points.store_rulesets")

    def load_demo(self, ctx) -> None:
        """The redemption catalogue (idempotent: natural keys); the articles are media's demo rows."""
        from .demo import load_demo

        load_demo(ctx)
