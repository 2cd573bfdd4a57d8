from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ambassador.core"
    label = "core"
    verbose_name = _("Shared records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import deployment  # noqa: F401 - registers the static files check for `check --deploy`
        from .api import throttling  # noqa: F401 - registers the check of the throttle rates
