from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "wenming.volunteering"
    label = "volunteering"
    verbose_name = _("志愿服务")
    home_tiles = [(_("志愿服务"), "volunteering:projects")]
    me_links = [(_("我的志愿服务"), "volunteering:me")]
    console_links = [(_("志愿服务"), "volunteering:console")]

    def ready(self) -> None:
        from wenming.points.importing import events_imported

        from . import receivers

        events_imported.connect(receivers.sync_after_import, dispatch_uid="volunteering.sync_after_import")

    def load_demo(self, ctx) -> None:
        from .demo import load_demo

        load_demo(ctx)
