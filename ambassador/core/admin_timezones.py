"""Admin pages that enter and show date-times on a city's clock.

Django's form fields read a typed date and time in the current time zone and show stored ones in
it; the admin's read-only fields and change lists do the same. ``CityTimeZoneAdminMixin`` makes
the record's city's zone current while the add or change page is built, validated, saved and
rendered, so an envoy in Amsterdam who types 10:00 stores 10:00 in Amsterdam, whatever the
server's zone.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .timezones import city_localtime, city_zone, zone_name


class CityTimeZoneAdminMixin:
    """Activates the zone of ``time_zone_city(request, object_id)`` around the add and change pages.

    Subclasses say which city a page's record belongs to; with none (e.g. a superuser adding a
    record with no city chosen yet) the project's default zone stays current.
    """

    # Date-time fields whose help text names the zone they are typed in.
    city_time_fields: tuple[str, ...] = ()

    def time_zone_city(self, request, object_id):
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        city = self.time_zone_city(request, object_id)
        zone = city_zone(city) if city is not None else None
        request.city_time_zone = zone
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # The page renders lazily; its form values must be converted while the city's zone is current.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        zone = getattr(request, "city_time_zone", None)
        for name in self.city_time_fields:
            if name in form.base_fields:
                form.base_fields[name].help_text = time_zone_help(zone)
        return form


def time_zone_help(zone) -> str:
    """The help text of a date-time typed on a city's clock, naming the zone when it is known."""
    if zone is None:
        return str(_("Local time in the city of the record (the city's time zone is used when saved)."))
    return str(_("Local time in %(zone)s.")) % {"zone": zone_name(zone)}


def local_time_label(value, city) -> str:
    """``2025-03-03 10:00 (Europe/Amsterdam)``: a date-time on the city's clock, with its zone."""
    if value is None:
        return "—"
    local = city_localtime(value, city)
    return f"{local:%Y-%m-%d %H:%M} ({zone_name(city)})"
