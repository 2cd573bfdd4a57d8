from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "ambassador.commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        # Connects the receivers that release and withdraw a meeting's commitments with it, and those
        # that refresh commitments' public_from when their meetings' or negotiations' publicity changes.
        from . import publicity, services  # noqa: F401
