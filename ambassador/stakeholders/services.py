"""Writes on organisations, people, their affiliations and lobbying disclosures.

The admin and every other writer call these; they hold the rules:

- Organisations and disclosures are shared reference records: any member of a city may record
  them, and change or delete those they can see.
- A person is recorded by a city (the acting user's, unless a superuser records them); only that
  city changes or deletes them, and their internal notes stay with it.
- An affiliation is changed by whoever may change its person.

Every write validates the whole row first and records the acting user in the row's history.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ambassador.core.membership import city_of, is_city_staff, sees_every_city
from ambassador.core.services import require_visible, save_validated

from .models import Affiliation, LobbyingDisclosure, Organisation, Person


def _set_fields(obj, fields: dict) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


# --- organisations ------------------------------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    """Records an organisation (a company, union, group, association, academic body or other)."""
    require_member(user=user)
    return save_validated(Organisation(**fields), user=user)


@transaction.atomic
def organisation_update(*, organisation: Organisation, user, **fields) -> Organisation:
    require_visible(model=Organisation, obj=organisation, user=user)
    _set_fields(organisation, fields)
    return save_validated(organisation, user=user)


@transaction.atomic
def organisation_delete(*, organisation: Organisation, user) -> None:
    require_visible(model=Organisation, obj=organisation, user=user)
    organisation._history_user = user
    organisation.delete()


# --- people -------------------------------------------------------------------------------------------------------


def records_person(*, person: Person | None, user) -> bool:
    """Whether the user's city recorded this person (superusers own every record; a new one is theirs)."""
    if person is None or person.pk is None or sees_every_city(user):
        return True
    city = city_of(user)
    return city is not None and person.recorded_by_city_id == city.pk


def _require_recorder(*, person: Person, user) -> None:
    require_visible(model=Person, obj=person, user=user)
    if not records_person(person=person, user=user):
        raise PermissionDenied(_("Only the city that recorded this person changes their record."))


@transaction.atomic
def person_create(*, user, **fields) -> Person:
    """Records a person; an envoy's or council staff's record belongs to their own city."""
    require_member(user=user)
    if not sees_every_city(user):
        fields["recorded_by_city"] = city_of(user)
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
    _require_recorder(person=person, user=user)
    return save_validated(Affiliation(person=person, **fields), user=user)


@transaction.atomic
def affiliation_update(*, affiliation: Affiliation, user, **fields) -> Affiliation:
    require_visible(model=Affiliation, obj=affiliation, user=user)
    _require_recorder(person=affiliation.person, user=user)
    if "person" in fields:
        _require_recorder(person=fields["person"], user=user)
    _set_fields(affiliation, fields)
    return save_validated(affiliation, user=user)


@transaction.atomic
def affiliation_delete(*, affiliation: Affiliation, user) -> None:
    require_visible(model=Affiliation, obj=affiliation, user=user)
    _require_recorder(person=affiliation.person, user=user)
    affiliation._history_user = user
    affiliation.delete()


# --- lobbying disclosures -----------------------------------------------------------------------------------------


@transaction.atomic
def disclosure_create(*, organisation: Organisation, user, **fields) -> LobbyingDisclosure:
    """Records what an organisation declared to a lobbying register for a period."""
    require_visible(model=Organisation, obj=organisation, user=user)
    return save_validated(LobbyingDisclosure(organisation=organisation, **fields), user=user)


@transaction.atomic
def disclosure_update(*, disclosure: LobbyingDisclosure, user, **fields) -> LobbyingDisclosure:
    require_visible(model=LobbyingDisclosure, obj=disclosure, user=user)
    if "organisation" in fields:
        require_visible(model=Organisation, obj=fields["organisation"], user=user)
    _set_fields(disclosure, fields)
    return save_validated(disclosure, user=user)


@transaction.atomic
def disclosure_delete(*, disclosure: LobbyingDisclosure, user) -> None:
    require_visible(model=LobbyingDisclosure, obj=disclosure, user=user)
    disclosure._history_user = user
    disclosure.delete()


def require_member(*, user) -> None:
    """Refuses a user who works for no city (and is no superuser)."""
    if not is_city_staff(user):
        raise PermissionDenied(_("Only envoys and council staff of a city record stakeholders."))
