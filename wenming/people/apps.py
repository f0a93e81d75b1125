from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wenming.people"
    label = "people"
    verbose_name = _("用户")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .second_factor import remember_login

        user_logged_in.connect(remember_login, dispatch_uid="people.second_factor")

        from wenming.core.nav import register_console_check

        from .permissions import scope_units

        # Anyone who may view a unit has the units' console (and the apps' consoles) to go to.
        register_console_check("people.view_unit", lambda user: scope_units(user, "view_unit").exists())

        # The unit roster's leaders and liaisons are accounts: orgs asks people for them.
        from wenming.orgs.actions import register_account_resolver

        from .actions import roster_account
        from .permissions import can

        register_account_resolver(roster_account, lambda user, region: can(user, "publish", region))
