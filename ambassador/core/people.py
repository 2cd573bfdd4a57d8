"""Who is a public person: whose name may appear on a public surface.

Public officials and public figures are named; everyone else appears only through their
organisation. ``Person`` (in ``stakeholders``) carries the two flags; every query and check that
needs the rule builds it here.
"""

from __future__ import annotations

from django.db.models import Q

PUBLIC_PERSON_FLAGS = ("is_public_official", "is_public_figure")


def public_person_q(path: str = "") -> Q:
    """A filter for public people, reached through ``path`` (e.g. ``"person"`` from an affiliation)."""
    prefix = f"{path}__" if path else ""
    condition = Q()
    for flag in PUBLIC_PERSON_FLAGS:
        condition |= Q(**{f"{prefix}{flag}": True})
    return condition


def may_be_named(person) -> bool:
    """Whether this person's name may be published."""
    return any(getattr(person, flag) for flag in PUBLIC_PERSON_FLAGS)
