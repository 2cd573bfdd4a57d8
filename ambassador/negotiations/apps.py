from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationsConfig(AppConfig):
    name = "ambassador.negotiations"
    verbose_name = _("Negotiations")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from ambassador.stakeholders.models import City

        from .publicity import refresh_meetings

        def city_saved(sender, instance, created, raw=False, **kwargs):
            # A confidential meeting's embargo ends at midnight on its city's clock.
            if not created and not raw:
                refresh_meetings(city_ids=[instance.pk], confidential_only=True)

        post_save.connect(city_saved, sender=City, dispatch_uid="meetings_follow_city_time_zone", weak=False)
