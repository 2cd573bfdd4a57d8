"""Input checks shared by the serializers that take commitments."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from ..choices import PRINCIPLES_BY_AREA


def validate_principle_in_area(attrs: dict) -> None:
    """Names the principle when it is not one of its area's (the taxonomy in choices.py).

    The database refuses such a row too, but as an error on no field; checked here the client
    learns which field, and which of a meeting's commitments, is wrong.
    """
    area, principle = attrs.get("area"), attrs.get("principle")
    if area and principle and principle not in PRINCIPLES_BY_AREA.get(area, ()):
        raise serializers.ValidationError(
            {"principle": _("“%(principle)s” is not a principle of the area “%(area)s”.")
             % {"principle": principle, "area": area}}
        )
