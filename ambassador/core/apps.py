from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _

from .versioning import track_public_changes


class CoreConfig(AppConfig):
    name = "ambassador.core"
    label = "core"
    verbose_name = _("Shared records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import deployment  # noqa: F401 - registers the static files check for `check --deploy`
        from .api import throttling  # noqa: F401 - registers the check of the throttle rates

        # Of the shared records, only the notices are public.
        track_public_changes(self, exclude=("Revision", "QueuedJob", "ApiToken", "DataVersion"))


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site that asks for the second factor (``ambassador.core.admin_site``)."""

    default = False  # "ambassador.core" itself is CoreConfig
    default_site = "ambassador.core.admin_site.AmbassadorAdminSite"
