"""Reusable filters shared by every city-scoped model.

Every staff view starts from ``.visible_to(user)`` and every public view from ``.public()``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from ambassador.core.membership import city_for_scoping, is_city_staff, sees_every_city
from ambassador.core.people import public_person_q
from ambassador.core.querysets import CityScopedQuerySet

from .choices import OrganisationKind


def _related_model(queryset: models.QuerySet, field_name: str):
    return queryset.model._meta.get_field(field_name).related_model


class CityQuerySet(CityScopedQuerySet):
    city_path = "pk"

    def for_city(self, city) -> CityQuerySet:
        # ``pk`` is not a relation, so it takes the city's id, not the City instance.
        return self.filter(pk=getattr(city, "pk", city))

    def public(self) -> CityQuerySet:
        return self.all()


class OrganisationQuerySet(models.QuerySet):
    def public(self) -> OrganisationQuerySet:
        return self.all()

    def tech_companies(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.TECH_COMPANY)

    def for_city(self, city) -> OrganisationQuerySet:
        """Organisations that negotiated with, met, or employ people of the city."""
        return self.filter(
            Q(negotiations__city=city)
            | Q(meetings__city=city)
            | Q(affiliations__person__affiliations__city=city)
        ).distinct()

    def visible_to(self, user) -> OrganisationQuerySet:
        """Organisations are shared reference data: every active staff member sees them all."""
        return self.all() if is_city_staff(user) else self.none()


class PersonQuerySet(models.QuerySet):
    def public(self) -> PersonQuerySet:
        """People whose names may be published: public officials and public figures."""
        return self.filter(public_person_q())

    def for_city(self, city) -> PersonQuerySet:
        """People recorded by the city, affiliated with it, or who attended its meetings."""
        return self.filter(
            Q(recorded_by_city=city) | Q(affiliations__city=city) | Q(meetings__city=city)
        ).distinct()

    def visible_to(self, user) -> PersonQuerySet:
        """Superusers see everyone; members see public people and their own city's people."""
        if sees_every_city(user):
            return self.all()
        city = city_for_scoping(user)
        if city is None:
            return self.none()
        return self.filter(public_person_q() | Q(pk__in=self.model.objects.for_city(city).values("pk")))


class AffiliationQuerySet(models.QuerySet):
    def public(self) -> AffiliationQuerySet:
        """Affiliations of people whose names may be published."""
        return self.filter(public_person_q("person"))

    def for_city(self, city) -> AffiliationQuerySet:
        return self.filter(person__in=_related_model(self, "person").objects.for_city(city))

    def visible_to(self, user) -> AffiliationQuerySet:
        return self.filter(person__in=_related_model(self, "person").objects.visible_to(user))

    def current(self, on) -> AffiliationQuerySet:
        """Affiliations in force on the given date."""
        return self.filter(Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gte=on)))


class LobbyingDisclosureQuerySet(models.QuerySet):
    def public(self) -> LobbyingDisclosureQuerySet:
        return self.all()

    def for_city(self, city) -> LobbyingDisclosureQuerySet:
        return self.filter(organisation__in=_related_model(self, "organisation").objects.for_city(city))

    def visible_to(self, user) -> LobbyingDisclosureQuerySet:
        """Disclosures are public record: every active staff member sees them all."""
        return self.filter(organisation__in=_related_model(self, "organisation").objects.visible_to(user))
