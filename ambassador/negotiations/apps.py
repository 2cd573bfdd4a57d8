from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ambassador.core.versioning import track_public_changes


class NegotiationsConfig(AppConfig):
    name = "ambassador.negotiations"
    verbose_name = _("Negotiations")

    def ready(self) -> None:
        # Connects the refresh of meetings' public_from when a city's time zone changes.
        from . import publicity  # noqa: F401

        track_public_changes(self)
