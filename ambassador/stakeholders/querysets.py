"""Reusable filters shared by every city-scoped model.

Every staff view starts from ``.visible_to(user)`` and every public view from ``.public()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def city_of(user: AbstractBaseUser | AnonymousUser | None):
    """The city the user works for, or None (anonymous users, users without a membership)."""
    if user is None or not user.is_authenticated:
        return None
    membership = getattr(user, "city_membership", None)
    return membership.city if membership is not None else None


def _related_model(queryset: models.QuerySet, field_name: str):
    return queryset.model._meta.get_field(field_name).related_model


class CityScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to one city, reached through ``city_path``."""

    city_path: str = "city"

    def for_city(self, city) -> CityScopedQuerySet:
        return self.filter(**{self.city_path: city})

    def visible_to(self, user) -> CityScopedQuerySet:
        """Rows the user may see: everything for superusers, their own city for members."""
        if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
            return self.all()
        city = city_of(user) if user is not None and user.is_active else None
        if city is None:
            return self.none()
        return self.for_city(city)


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
        from .choices import OrganisationKind

        return self.filter(kind=OrganisationKind.TECH_COMPANY)

    def for_city(self, city) -> OrganisationQuerySet:
        """Organisations that negotiated with, met, or employ people of the city."""
        return self.filter(
            Q(negotiations__city=city)
            | Q(meetings__negotiation__city=city)
            | Q(affiliations__person__affiliations__city=city)
        ).distinct()

    def visible_to(self, user) -> OrganisationQuerySet:
        """Organisations are shared reference data: every active staff member sees them all."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or city_of(user) is not None:
            return self.all()
        return self.none()


class PersonQuerySet(models.QuerySet):
    def public(self) -> PersonQuerySet:
        """People whose names may be published: public officials and public figures."""
        return self.filter(Q(is_public_official=True) | Q(is_public_figure=True))

    def for_city(self, city) -> PersonQuerySet:
        """People recorded by the city, affiliated with it, or who attended its meetings."""
        return self.filter(
            Q(recorded_by_city=city) | Q(affiliations__city=city) | Q(meetings__negotiation__city=city)
        ).distinct()

    def visible_to(self, user) -> PersonQuerySet:
        """Superusers see everyone; members see public people and their own city's people."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        city = city_of(user)
        if city is None:
            return self.none()
        return self.filter(
            Q(is_public_official=True)
            | Q(is_public_figure=True)
            | Q(pk__in=self.model.objects.for_city(city).values("pk"))
        )


class AffiliationQuerySet(models.QuerySet):
    def public(self) -> AffiliationQuerySet:
        """Affiliations of people whose names may be published."""
        return self.filter(Q(person__is_public_official=True) | Q(person__is_public_figure=True))

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


class RiskAssessmentQuerySet(models.QuerySet):
    def public(self) -> RiskAssessmentQuerySet:
        return self.all()

    def overall(self) -> RiskAssessmentQuerySet:
        return self.filter(city__isnull=True)

    def for_city(self, city) -> RiskAssessmentQuerySet:
        return self.filter(city=city)

    def visible_to(self, user) -> RiskAssessmentQuerySet:
        """Superusers see every assessment; members see overall scores and their city's."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        city = city_of(user)
        if city is None:
            return self.none()
        return self.filter(Q(city__isnull=True) | Q(city=city))


class RiskRunQuerySet(models.QuerySet):
    """Runs record coverage and settings, which the public page shows next to the scores."""

    def public(self) -> RiskRunQuerySet:
        return self.filter(finished_at__isnull=False)

    def visible_to(self, user) -> RiskRunQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or city_of(user) is not None:
            return self.all()
        return self.none()
