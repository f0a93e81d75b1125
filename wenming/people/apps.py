from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wenming.people"
    label = "people"
    verbose_name = _("用户")

    def ready(self) -> None:
        from wenming.core.nav import register_console_check

        from .permissions import scope_units

        # Anyone who may view a unit has the units' console (and the apps' consoles) to go to.
        register_console_check("people.view_unit", lambda user: scope_units(user, "view_unit").exists())
