from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wenming.people"
    label = "people"
    verbose_name = _("用户")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .second_factor import remember_login

        user_logged_in.connect(remember_login, dispatch_uid="people.second_factor")
