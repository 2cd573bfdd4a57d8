"""Which cities a user belongs to: the one rule every queryset, API permission and staff page asks.

A login works for the city of its ``CityMembership`` (the ``city_membership`` relation, which the
``stakeholders`` app owns); superusers work for every city. Inactive and anonymous users work for
none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser | None


def is_active_user(user: User) -> bool:
    """Whether the user is logged in and not deactivated."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def sees_every_city(user: User) -> bool:
    """Whether the user works for every city: an active superuser."""
    return is_active_user(user) and bool(user.is_superuser)


def city_of(user: User):
    """The city the user works for, or None (anonymous users, users without a membership)."""
    if user is None or not user.is_authenticated:
        return None
    membership = getattr(user, "city_membership", None)
    return membership.city if membership is not None else None


def is_city_staff(user: User) -> bool:
    """Whether the user may use the staff tools at all: an active superuser or a member of a city."""
    return sees_every_city(user) or (is_active_user(user) and city_of(user) is not None)


def city_for_scoping(user: User):
    """The one city an active non-superuser's rows are scoped to, or None when they may see none."""
    if not is_active_user(user):
        return None
    return city_of(user)
