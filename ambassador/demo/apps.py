from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fictional demo data and demo logins (``manage.py seed_demo``), for local and test settings.

    The demo sits on top of every other app: it may import from any of them, and none of them imports from it.
    It has no models of its own.
    """

    name = "ambassador.demo"
    label = "demo"
    verbose_name = _("Demo data")
