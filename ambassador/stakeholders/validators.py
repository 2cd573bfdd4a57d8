import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known IANA time zone."), params={"value": value})


def validate_language_codes(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) and 2 <= len(code) <= 8 for code in value):
        raise ValidationError(_("Languages must be a list of language codes such as ['nl', 'en']."))


def validate_register_names(value) -> None:
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(name, str) and 0 < len(name.strip()) <= 120 for name in value):
        raise ValidationError(
            _("Lobbying registers must be a list of register names such as [\"EU Transparency Register\"].")
        )
    if len({name.strip() for name in value}) != len(value):
        raise ValidationError(_("A lobbying register is listed twice."))
