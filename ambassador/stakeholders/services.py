"""Writes on organisations, people, their affiliations and lobbying disclosures.

The admin and every other writer call these. Who may do what is decided by the one rule set
(``ambassador.core.permissions``); these functions ask it before every write:

- Organisations and disclosures are shared reference records: any member of a city records them.
  A record recorded by another city is changed by council staff, not by an envoy, and an
  organisation's name, kind, register id and parent are changed by council staff only.
- A person is recorded by a city (the acting user's, unless a superuser records them); only that
  city changes or deletes them, and their internal notes stay with it.
- An affiliation is changed by whoever may change its person; a role at a city is recorded by
  that city.

Every write validates the whole row first and records the acting user in the row's history.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ambassador.core.membership import city_of, sees_every_city
from ambassador.core.permissions import may, require
from ambassador.core.services import require_visible, save_validated

from .models import Affiliation, City, CityMembership, LobbyingDisclosure, Organisation, Person


def _set_fields(obj, fields: dict) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


def _own_city_unless_superuser(user, fields: dict) -> None:
    """A member's record belongs to their own city; only a superuser says which city recorded it."""
    if not sees_every_city(user):
        fields["recorded_by_city"] = city_of(user)


# --- organisations ------------------------------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    """Records an organisation (a company, union, group, association, academic body or other)."""
    require_member(user=user)
    require(user, "add", Organisation)
    _own_city_unless_superuser(user, fields)
    return save_validated(Organisation(**fields), user=user)


def changes_identity(*, organisation: Organisation, fields: dict) -> list[str]:
    """The identity fields (name, kind, register id, parent) that ``fields`` would change."""
    return [
        name for name in Organisation.IDENTITY_FIELDS
        if name in fields and fields[name] != getattr(organisation, name)
    ]


@transaction.atomic
def organisation_update(*, organisation: Organisation, user, **fields) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    require(user, "change", organisation,
            _("Only council staff change an organisation that another city recorded."))
    if changes_identity(organisation=organisation, fields=fields):
        require(user, "change_identity", organisation,
                _("An organisation's name, kind, register id and parent are changed by council staff."))
    if not sees_every_city(user):
        fields.pop("recorded_by_city", None)
    _set_fields(organisation, fields)
    return save_validated(organisation, user=user)


@transaction.atomic
def organisation_delete(*, organisation: Organisation, user) -> None:
    require(user, "delete", organisation, _("Only the city that recorded an organisation deletes it."))
    organisation._history_user = user
    organisation.delete()


# --- people -------------------------------------------------------------------------------------------------------


def records_person(*, person: Person | None, user) -> bool:
    """Whether the user may change this person's record (their city recorded it; superusers own every record)."""
    if person is None or person.pk is None:
        return True
    return may(user, "change", person)


def _require_recorder(*, person: Person, user) -> None:
    require_visible(model=Person, obj=person, user=user)
    if not records_person(person=person, user=user):
        raise PermissionDenied(_("Only the city that recorded this person changes their record."))


@transaction.atomic
def person_create(*, user, **fields) -> Person:
    """Records a person; an envoy's or council staff's record belongs to their own city."""
    require_member(user=user)
    require(user, "add", Person)
    _own_city_unless_superuser(user, fields)
    return save_validated(Person(**fields), user=user)


@transaction.atomic
def person_update(*, person: Person, user, **fields) -> Person:
    _require_recorder(person=person, user=user)
    if not sees_every_city(user):
        fields.pop("recorded_by_city", None)
    _set_fields(person, fields)
    return save_validated(person, user=user)


@transaction.atomic
def person_delete(*, person: Person, user) -> None:
    _require_recorder(person=person, user=user)
    person._history_user = user
    person.delete()


# --- affiliations -------------------------------------------------------------------------------------------------


@transaction.atomic
def affiliation_create(*, person: Person, user, **fields) -> Affiliation:
    """Records a person's role at a city or an organisation."""
    require(user, "add", Affiliation)
    _require_recorder(person=person, user=user)
    _require_own_city_role(city=fields.get("city"), user=user)
    return save_validated(Affiliation(person=person, **fields), user=user)


@transaction.atomic
def affiliation_update(*, affiliation: Affiliation, user, **fields) -> Affiliation:
    require_visible(model=Affiliation, obj=affiliation, user=user)
    _require_recorder(person=affiliation.person, user=user)
    _require_own_city_role(city=affiliation.city, user=user)
    if "person" in fields:
        _require_recorder(person=fields["person"], user=user)
    if "city" in fields:
        _require_own_city_role(city=fields["city"], user=user)
    _set_fields(affiliation, fields)
    return save_validated(affiliation, user=user)


@transaction.atomic
def affiliation_delete(*, affiliation: Affiliation, user) -> None:
    require_visible(model=Affiliation, obj=affiliation, user=user)
    _require_recorder(person=affiliation.person, user=user)
    _require_own_city_role(city=affiliation.city, user=user)
    affiliation._history_user = user
    affiliation.delete()


def _require_own_city_role(*, city, user) -> None:
    """A role at a city is recorded by that city (superusers record any)."""
    if city is None or sees_every_city(user):
        return
    own = city_of(user)
    if own is None or city.pk != own.pk:
        raise PermissionDenied(_("A role at another city is recorded by that city."))


# --- lobbying disclosures -----------------------------------------------------------------------------------------


@transaction.atomic
def disclosure_create(*, organisation: Organisation, user, **fields) -> LobbyingDisclosure:
    """Records what an organisation declared to a lobbying register for a period."""
    require(user, "add", LobbyingDisclosure)
    require_visible(model=Organisation, obj=organisation, user=user)
    return save_validated(LobbyingDisclosure(organisation=organisation, **fields), user=user)


@transaction.atomic
def disclosure_update(*, disclosure: LobbyingDisclosure, user, **fields) -> LobbyingDisclosure:
    require_visible(model=LobbyingDisclosure, obj=disclosure, user=user)
    require(user, "change", disclosure, _("Only council staff change what another city's organisation declared."))
    if "organisation" in fields:
        require_visible(model=Organisation, obj=fields["organisation"], user=user)
    _set_fields(disclosure, fields)
    return save_validated(disclosure, user=user)


@transaction.atomic
def disclosure_delete(*, disclosure: LobbyingDisclosure, user) -> None:
    require_visible(model=LobbyingDisclosure, obj=disclosure, user=user)
    require(user, "delete", disclosure, _("Only council staff delete what another city's organisation declared."))
    disclosure._history_user = user
    disclosure.delete()


def require_member(*, user) -> None:
    """Refuses a user who works for no city (and is no superuser)."""
    if not may(user, "add", Person):
        raise PermissionDenied(_("Only envoys and council staff of a city record stakeholders."))


# --- cities and memberships (superusers) ------------------------------------------------------------------------


@transaction.atomic
def city_create(*, user, **fields) -> City:
    require(user, "add", City, _("Cities are added by a superuser."))
    return save_validated(City(**fields), user=user)


@transaction.atomic
def city_update(*, city: City, user, **fields) -> City:
    require(user, "change", city, _("Cities are changed by a superuser."))
    _set_fields(city, fields)
    return save_validated(city, user=user)


@transaction.atomic
def city_delete(*, city: City, user) -> None:
    require(user, "delete", city, _("Cities are deleted by a superuser."))
    city._history_user = user
    city.delete()


@transaction.atomic
def membership_create(*, user, **fields) -> CityMembership:
    """Makes a login an envoy or council staff member of a city (and lets it into the admin)."""
    require(user, "add", CityMembership, _("Memberships are managed by a superuser."))
    membership = save_validated(CityMembership(**fields), user=user)
    _admit_to_admin(membership.user)
    return membership


@transaction.atomic
def membership_update(*, membership: CityMembership, user, **fields) -> CityMembership:
    require(user, "change", membership, _("Memberships are managed by a superuser."))
    _set_fields(membership, fields)
    membership = save_validated(membership, user=user)
    _admit_to_admin(membership.user)
    return membership


@transaction.atomic
def membership_delete(*, membership: CityMembership, user) -> None:
    require(user, "delete", membership, _("Memberships are managed by a superuser."))
    membership._history_user = user
    membership.delete()


def _admit_to_admin(login) -> None:
    if not login.is_staff:
        login.is_staff = True
        login.save(update_fields=["is_staff"])
