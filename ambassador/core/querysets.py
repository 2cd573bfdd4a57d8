"""The queryset every city-scoped model shares: ``for_city(city)`` and ``visible_to(user)``."""

from __future__ import annotations

from django.db import models

from .membership import city_for_scoping, sees_every_city


def visible_queryset(model, user):
    """The rows of ``model`` the user may see: its ``visible_to(user)``, or, for a model without one,
    every row for superusers and none for anyone else."""
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(user)
    return manager.all() if sees_every_city(user) else manager.none()


class CityScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to one city, reached through ``city_path``."""

    city_path: str = "city"

    def for_city(self, city) -> CityScopedQuerySet:
        return self.filter(**{self.city_path: city})

    def visible_to(self, user) -> CityScopedQuerySet:
        """Rows the user may see: everything for superusers, their own city for members."""
        if sees_every_city(user):
            return self.all()
        city = city_for_scoping(user)
        if city is None:
            return self.none()
        return self.for_city(city)
