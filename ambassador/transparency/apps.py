from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "ambassador.transparency"
    verbose_name = _("Public transparency site")
    default_auto_field = "django.db.models.BigAutoField"
