from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskAppConfig(AppConfig):
    name = "ambassador.risk"
    verbose_name = _("Lobbying risk")
