from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ambassador.core.versioning import track_public_changes


class RiskAppConfig(AppConfig):
    name = "ambassador.risk"
    verbose_name = _("Lobbying risk")

    def ready(self) -> None:
        track_public_changes(self)
