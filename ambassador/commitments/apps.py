from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ambassador.core.versioning import track_public_changes


class CommitmentsConfig(AppConfig):
    name = "ambassador.commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        # Connects the receivers that release and withdraw a meeting's commitments with it, and those
        # that refresh commitments' public_from when their meetings' or negotiations' publicity changes.
        from . import publicity, services  # noqa: F401

        # Alerts to envoys are not public.
        track_public_changes(self, exclude=("Notification", "NotificationFlag"))
