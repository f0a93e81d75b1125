from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "wenming.assessment"
    label = "assessment"
    verbose_name = _("考核与通报")
    console_links = [(_("考核通报"), "assessment:console")]
    me_links = [(_("本单位考核"), "assessment:my")]

    def load_demo(self, ctx) -> None:
        from .demo import load_demo

        load_demo(ctx)

    def ready(self) -> None:
        from wenming.core.files import register_private

        from .files import can_view_material

        # Served only to those who may see it, even with a valid link.
        register_private("assessment/materials/", can_view_material)
