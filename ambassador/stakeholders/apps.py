from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ambassador.core.versioning import track_public_changes


class StakeholdersConfig(AppConfig):
    name = "ambassador.stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self) -> None:
        track_public_changes(self)
